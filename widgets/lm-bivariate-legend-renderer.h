/* lm-bivariate-legend-renderer.h — the 3 × 3 key of a bivariate map,
 * drawn with Pango and Cairo
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "lm-bivariate.h"
#include "lm-palette.h"

G_BEGIN_DECLS

typedef struct _LmBivariateLegendRenderer LmBivariateLegendRenderer;

/* The key shows, top to bottom: a title, a subtitle, then the grid of
 * the nine cells in their colours, each with its count of areas (the
 * worse end of y at the top, of x at the right), the classes of each
 * axis beside its rows and under its columns, the axis titles with an
 * arrow towards the worse end, and the areas without both values. */
LmBivariateLegendRenderer *lm_bivariate_legend_renderer_new  (void);
void     lm_bivariate_legend_renderer_free          (LmBivariateLegendRenderer *self);
/* @x and @y are borrowed until the next call; @classes and @colors
 * (LM_BIVARIATE_CELLS) are copied. */
void     lm_bivariate_legend_renderer_set_classes   (LmBivariateLegendRenderer *self,
                                                     const LmVariable          *x,
                                                     const LmVariable          *y,
                                                     const LmBivariateClasses  *classes,
                                                     const LmColor             *colors);
/* NULL title: "X and Y". NULL subtitle: none. */
void     lm_bivariate_legend_renderer_set_title     (LmBivariateLegendRenderer *self,
                                                     const char                *title,
                                                     const char                *subtitle);
/* Font size of the class labels (default 13); @family NULL = "Sans". */
void     lm_bivariate_legend_renderer_set_font      (LmBivariateLegendRenderer *self,
                                                     const char                *family,
                                                     double                     size);
void     lm_bivariate_legend_renderer_set_foreground (LmBivariateLegendRenderer *self,
                                                      const LmColor            *color);
/* Titles wrap at this width; 0 (the default): about 22 font sizes. */
void     lm_bivariate_legend_renderer_set_max_width (LmBivariateLegendRenderer *self,
                                                     double                     max_width);
/* Size in @cr's user units; @cr NULL measures for 1:1 raster output. */
void     lm_bivariate_legend_renderer_measure       (LmBivariateLegendRenderer *self,
                                                     cairo_t                   *cr,
                                                     double                    *out_width,
                                                     double                    *out_height);
void     lm_bivariate_legend_renderer_draw          (LmBivariateLegendRenderer *self,
                                                     cairo_t                   *cr,
                                                     double                     x,
                                                     double                     y);
/* The cell (lm_bivariate_cell()) under (@x, @y) relative to the key's
 * top-left corner after a measure or draw, or -1. */
int      lm_bivariate_legend_renderer_hit_test      (LmBivariateLegendRenderer *self,
                                                     double                     x,
                                                     double                     y);
gboolean lm_bivariate_legend_renderer_get_cell_rect (LmBivariateLegendRenderer *self,
                                                     guint                      cell,
                                                     double                    *out_x,
                                                     double                    *out_y,
                                                     double                    *out_width,
                                                     double                    *out_height);
/* "IMD decile up to 1 and CNI score above 34.2: 120 wards", for
 * tooltips and screen readers. Free with g_free(). */
char    *lm_bivariate_legend_renderer_describe_cell (LmBivariateLegendRenderer *self,
                                                     guint                      cell);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmBivariateLegendRenderer, lm_bivariate_legend_renderer_free)

G_END_DECLS
