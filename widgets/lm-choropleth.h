/* lm-choropleth.h — the map widget: one level coloured by one variable
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lm-bivariate-map.h"
#include "lm-classify.h"
#include "lm-map-renderer.h"
#include "lm-model.h"
#include "lm-palette.h"

G_BEGIN_DECLS

#define LM_TYPE_CHOROPLETH (lm_choropleth_get_type ())
G_DECLARE_FINAL_TYPE (LmChoropleth, lm_choropleth, LM, CHOROPLETH, GtkWidget)

/* The GType of LmClassifyMethod, for the "method" property. */
GType             lm_choropleth_method_get_type     (void);

/**
 * lm_choropleth_new:
 * @model: the model whose current weights are drawn
 *
 * A map of the model's dataset: its finest level and its default variable to
 * begin with, quantiles, five classes, the colour-blind-safe default
 * palette and left-behind areas marked. The map draws from a cached
 * image while it moves and redraws sharply once it stops; it recolours
 * on the model's "recomputed" signal and redraws the selection on the
 * selection's "changed" signal.
 */
GtkWidget        *lm_choropleth_new                 (LmModel          *model);
LmModel          *lm_choropleth_get_model           (LmChoropleth     *self);
/* Replaces the model (another dataset): the view is fitted anew. */
void              lm_choropleth_set_model           (LmChoropleth     *self,
                                                     LmModel          *model);

/* Properties. Ids as on the command line ("lsoa", "imd.score"); a NULL
 * level is the finest, a NULL variable the dataset's default. */
const char       *lm_choropleth_get_level           (LmChoropleth     *self);
void              lm_choropleth_set_level           (LmChoropleth     *self,
                                                     const char       *level_id);
const char       *lm_choropleth_get_variable        (LmChoropleth     *self);
void              lm_choropleth_set_variable        (LmChoropleth     *self,
                                                     const char       *variable_id);
LmClassifyMethod  lm_choropleth_get_method          (LmChoropleth     *self);
void              lm_choropleth_set_method          (LmChoropleth     *self,
                                                     LmClassifyMethod  method);
guint             lm_choropleth_get_n_classes       (LmChoropleth     *self);
void              lm_choropleth_set_n_classes       (LmChoropleth     *self,
                                                     guint             n_classes);
/* NULL: the default for the variable (lm_palette_get_default()). An
 * unknown name is a programmer error (critical) and is ignored. */
const char       *lm_choropleth_get_palette         (LmChoropleth     *self);
void              lm_choropleth_set_palette         (LmChoropleth     *self,
                                                     const char       *palette);
/* Whether the map credits its sources in its corner (the default); off
 * where the page around it does (presentation view). */
void              lm_choropleth_set_show_attribution (LmChoropleth    *self,
                                                      gboolean         show);
/* Two variables in 3 × 3 cells instead of the variable: @spec as
 * lm_bivariate_parse() reads it ("imd.decile:1:3,cni.score"), NULL for
 * the one variable; @palette a two-variable scheme, NULL for the
 * default. A spec that does not parse is a programmer error. */
void              lm_choropleth_set_bivariate       (LmChoropleth     *self,
                                                     const char       *spec,
                                                     const char       *palette);
/* The bivariate map shown (its variables, cells and colours), or NULL. */
LmBivariateMap   *lm_choropleth_get_bivariate       (LmChoropleth     *self);
gboolean          lm_choropleth_get_show_left_behind (LmChoropleth    *self);
void              lm_choropleth_set_show_left_behind (LmChoropleth    *self,
                                                      gboolean         show);

/* What is drawn now. The level is NULL only if the id is unknown; the
 * variable is NULL when it is not available at the level, and then
 * lm_choropleth_get_message() says why ("No data at this level"). */
LmLevel          *lm_choropleth_get_current_level   (LmChoropleth     *self);
LmVariable       *lm_choropleth_get_current_variable (LmChoropleth    *self);
const char       *lm_choropleth_get_message         (LmChoropleth     *self);

/* The classification drawn (NULL when there is no value to classify),
 * its colours (lowest values first, n_classes of them) and each area's
 * class (level->n_areas entries: class index or -1 for no data). Valid
 * until the next "classes-changed". */
const LmClassification *lm_choropleth_get_classification (LmChoropleth *self);
const LmColor    *lm_choropleth_get_class_colors    (LmChoropleth     *self,
                                                     guint            *n_colors);
const gint8      *lm_choropleth_get_area_classes    (LmChoropleth     *self,
                                                     guint            *n_areas);
LmColor           lm_choropleth_get_no_data_color   (LmChoropleth     *self);
/* The number of left-behind areas now and the level of the rule (NULL if
 * the dataset has none). */
LmLevel          *lm_choropleth_get_left_behind     (LmChoropleth     *self,
                                                     guint            *n_areas);

/* The view: world (British National Grid) metres <-> widget pixels. */
const LmMapView  *lm_choropleth_get_view            (LmChoropleth     *self);
/* Moves to @view (its width and height are ignored: the widget's size
 * counts). Behaves as a gesture step: the cached image is drawn
 * transformed and a sharp redraw follows once the view stays still;
 * the extent becomes the visible rectangle once the calls pause. */
void              lm_choropleth_set_view            (LmChoropleth     *self,
                                                     const LmMapView  *view);
/* The "extent" property: the world rectangle asked for, or NULL for
 * the whole layer (see the property's documentation). */
const LmBounds   *lm_choropleth_get_extent          (LmChoropleth     *self);
void              lm_choropleth_set_extent          (LmChoropleth     *self,
                                                     const LmBounds   *extent);
/* A widget laid over the map: fits keep clear of it (see the .c). */
void              lm_choropleth_add_overlay         (LmChoropleth     *self,
                                                     GtkWidget        *overlay);
/* Animates to the whole layer; the extent becomes NULL. */
void              lm_choropleth_zoom_to_fit         (LmChoropleth     *self);
/* Zooms to one area of @level (any level of the dataset, e.g. a local
 * authority while wards are shown). */
void              lm_choropleth_zoom_to_area        (LmChoropleth     *self,
                                                     LmLevel          *level,
                                                     guint             area);
/* Zooms by @factor (> 1 in) keeping the point under widget pixel
 * (@x, @y) fixed, without animation. */
void              lm_choropleth_zoom_at             (LmChoropleth     *self,
                                                     double            factor,
                                                     double            x,
                                                     double            y);

/* The area under widget pixel (@x, @y), by a spatial index: TRUE and
 * the level and area index if there is one. */
gboolean          lm_choropleth_pick                (LmChoropleth     *self,
                                                     double            x,
                                                     double            y,
                                                     LmLevel         **out_level,
                                                     guint            *out_area);
/* What the tooltip says for the area under (@x, @y) (Pango markup), or
 * NULL; free with g_free(). */
char             *lm_choropleth_get_tooltip_markup  (LmChoropleth     *self,
                                                     double            x,
                                                     double            y);
/* Selects the area under (@x, @y) in the model's selection as a click
 * (REPLACE), Ctrl+click (TOGGLE) or Shift+click (ADD) does; a click
 * beside the map with REPLACE clears the selection. */
void              lm_choropleth_select_at           (LmChoropleth     *self,
                                                     double            x,
                                                     double            y,
                                                     LmSelectionMode   mode);

/* A new ARGB32 image, at the widget's size times its scale factor, of
 * the exported figure (LmMapFigure) of what the map shows now: title,
 * the visible rectangle of the map on white, legend, scale bar, the
 * dataset's attributions and a provenance line. What the clipboard
 * gets; plain white when nothing is coloured. */
cairo_surface_t  *lm_choropleth_render_image        (LmChoropleth     *self);
/* Puts that image on the widget's clipboard as a texture (pasted as PNG
 * into slides). */
void              lm_choropleth_copy_to_clipboard   (LmChoropleth     *self);

/* Milliseconds the last render of the cached base image took (for the
 * benchmark). */
double            lm_choropleth_get_last_render_ms  (LmChoropleth     *self);

G_END_DECLS
