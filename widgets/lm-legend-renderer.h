/* lm-legend-renderer.h — a choropleth legend drawn with Pango and Cairo
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "lm-classify.h"
#include "lm-palette.h"
#include "lm-text.h"
#include "lm-variable.h"

G_BEGIN_DECLS

/* Rows that are not a class, for lm_legend_renderer_hit_test(). Class
 * rows are 0..n_classes-1. */
#define LM_LEGEND_HIT_NONE        (-1)
#define LM_LEGEND_HIT_NO_DATA     (-2)
#define LM_LEGEND_HIT_LEFT_BEHIND (-3)
#define LM_LEGEND_HIT_TITLE       (-4)

typedef struct _LmLegendRenderer LmLegendRenderer;

/* The legend shows, top to bottom: the title (the variable's title by
 * default), a subtitle (e.g. dataset and level), one row per class with
 * its swatch, bounds ("12.3 – 20.1", formatted for the variable) and
 * count of areas, then "No data" and "Left behind" rows with counts. */
LmLegendRenderer *lm_legend_renderer_new          (void);
void              lm_legend_renderer_free         (LmLegendRenderer       *self);

/**
 * lm_legend_renderer_set_classes:
 * @self: a legend
 * @variable: the mapped variable (formats the bounds; its title is the
 *   default title); borrowed until the next call
 * @classes: the classification (copied)
 * @colors: n_classes colours, lowest values first (copied)
 * @no_data_color: the swatch of the "No data" row
 *
 * Classes are listed with the worst end (darkest colour) at the top, so
 * the legend reads like a league table.
 */
void              lm_legend_renderer_set_classes  (LmLegendRenderer       *self,
                                                   const LmVariable       *variable,
                                                   const LmClassification *classes,
                                                   const LmColor          *colors,
                                                   const LmColor          *no_data_color);
/* NULL title: the variable's title. NULL subtitle: none. */
void              lm_legend_renderer_set_title    (LmLegendRenderer       *self,
                                                   const char             *title,
                                                   const char             *subtitle);
/* Shows the "Left behind" row with @count areas (e.g. "Left behind wards:
 * 225"); @label NULL gives "Left behind". @show FALSE hides it. */
void              lm_legend_renderer_set_left_behind (LmLegendRenderer    *self,
                                                      gboolean             show,
                                                      const char          *label,
                                                      guint                count);
/* A "Custom weights" note under the rows, naming the changed domains
 * (lm_custom_weights_describe()); NULL hides it. */
void              lm_legend_renderer_set_custom_weights (LmLegendRenderer *self,
                                                         const char       *text);
/* Font size in pixels of the class rows (default 13); the title is
 * larger. @family NULL = "Sans". */
void              lm_legend_renderer_set_font     (LmLegendRenderer       *self,
                                                   const char             *family,
                                                   double                  size);
/* The faces of the text every legend shows (title, subtitle, class
 * rows), at scales of the set_font() size: for loading them in advance
 * (lm_text_load_surface_faces()). A note of custom weights or of a rank
 * change adds others. */
const LmTextFace *lm_legend_renderer_get_faces    (guint                  *n_faces);
/* Text and swatch-border colour (default near-black; use a light one on
 * a dark theme). */
void              lm_legend_renderer_set_foreground (LmLegendRenderer     *self,
                                                     const LmColor        *color);
/* Hides the count column (e.g. in a narrow side panel). Default shown. */
void              lm_legend_renderer_set_show_counts (LmLegendRenderer    *self,
                                                      gboolean             show);

/* Titles wrap at this width (in user units) instead of widening the
 * legend; 0 (the default) wraps at about 22 times the font size. */
void              lm_legend_renderer_set_max_width (LmLegendRenderer      *self,
                                                    double                 max_width);
/* The legend at least this wide (in user units; 0 by default): a
 * legend on screen keeps the width it once needed rather than narrow at
 * every change of variable. Titles wrap as without it. */
void              lm_legend_renderer_set_min_width (LmLegendRenderer      *self,
                                                    double                 min_width);
/* Room kept free right of the title's first lines (a button over the
 * legend on screen); 0 by default. */
void              lm_legend_renderer_set_title_inset (LmLegendRenderer    *self,
                                                      double               inset);
/* Size the legend needs, in the units of @cr's user space (for a layout
 * to place it). @cr may be NULL: an internal image context is used, fine
 * for raster targets at 1:1. */
void              lm_legend_renderer_measure      (LmLegendRenderer       *self,
                                                   cairo_t                *cr,
                                                   double                 *out_width,
                                                   double                 *out_height);
/* Draws with the top-left corner at (@x, @y) in @cr's user space. */
void              lm_legend_renderer_draw         (LmLegendRenderer       *self,
                                                   cairo_t                *cr,
                                                   double                  x,
                                                   double                  y);
/* The row under (@x, @y), relative to the legend's top-left corner, from
 * the last measure or draw: a class index (0 = lowest values), or one of
 * LM_LEGEND_HIT_*. */
int               lm_legend_renderer_hit_test     (LmLegendRenderer       *self,
                                                   double                  x,
                                                   double                  y);
/* The rectangle of a row (class index or LM_LEGEND_HIT_*) relative to the
 * legend's top-left corner, e.g. to highlight the hovered row. FALSE if
 * there is no such row. */
gboolean          lm_legend_renderer_get_row_rect (LmLegendRenderer       *self,
                                                   int                     row,
                                                   double                 *out_x,
                                                   double                 *out_y,
                                                   double                 *out_width,
                                                   double                 *out_height);

/* The text of a row for screen readers and tooltips, e.g. "65 – 127:
 * 63 areas", or NULL if there is no such row. Free with g_free(). */
char             *lm_legend_renderer_describe_row (LmLegendRenderer       *self,
                                                   int                     row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmLegendRenderer, lm_legend_renderer_free)

G_END_DECLS
