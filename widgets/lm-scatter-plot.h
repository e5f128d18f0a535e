/* lm-scatter-plot.h — a scatter plot of two variables at one level,
 * linked to the shared selection
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lm-model.h"
#include "lm-scatter-renderer.h"

G_BEGIN_DECLS

#define LM_TYPE_SCATTER_COLOUR_BY (lm_scatter_colour_by_get_type ())
GType lm_scatter_colour_by_get_type (void);

#define LM_TYPE_SCATTER_PLOT (lm_scatter_plot_get_type ())
G_DECLARE_FINAL_TYPE (LmScatterPlot, lm_scatter_plot, LM, SCATTER_PLOT, GtkWidget)

/* Draws y against x for the areas of a level with LmScatterRenderer and
 * follows the model: a weight change ("recomputed") moves the points, the
 * line and the statistics; a selection change rings the selected points.
 *
 * Pointer: hovering a point shows its name and values in a tooltip; a
 * click selects the point under it (Ctrl toggles it) or clears the
 * selection; dragging draws a rubber band that selects the points inside
 * (Ctrl or Shift adds them); a double click emits "area-activated".
 * Keyboard: Escape clears the selection.
 *
 * Properties: "model", "level-id", "x-id", "y-id", "weighted",
 * "colour-by", "show-cutoffs", "text-scale".
 *
 * Signals:
 *   "area-activated" (gpointer level, guint area): a point was double
 *   clicked. @level is the plot's LmLevel*. */
GtkWidget         *lm_scatter_plot_new              (LmModel           *model);
void               lm_scatter_plot_set_model        (LmScatterPlot     *self,
                                                     LmModel           *model);
LmModel           *lm_scatter_plot_get_model        (LmScatterPlot     *self);
/* Chooses what to plot; FALSE with LM_MODEL_ERROR_UNKNOWN_LEVEL or
 * _UNKNOWN_VARIABLE (and nothing changed) when the data lack one. */
gboolean           lm_scatter_plot_set_variables    (LmScatterPlot     *self,
                                                     const char        *level_id,
                                                     const char        *x_id,
                                                     const char        *y_id,
                                                     GError           **error);
/* One of the dataset's report figures (an index into lm_dataset_get_report()). */
gboolean           lm_scatter_plot_set_preset       (LmScatterPlot     *self,
                                                     guint              report,
                                                     GError           **error);
const char        *lm_scatter_plot_get_level_id     (LmScatterPlot     *self);
const char        *lm_scatter_plot_get_x_id         (LmScatterPlot     *self);
const char        *lm_scatter_plot_get_y_id         (LmScatterPlot     *self);
void               lm_scatter_plot_set_weighted     (LmScatterPlot     *self,
                                                     gboolean           weighted);
gboolean           lm_scatter_plot_get_weighted     (LmScatterPlot     *self);
void               lm_scatter_plot_set_colour_by    (LmScatterPlot     *self,
                                                     LmScatterColourBy  colour_by);
LmScatterColourBy  lm_scatter_plot_get_colour_by    (LmScatterPlot     *self);
void               lm_scatter_plot_set_show_cutoffs (LmScatterPlot     *self,
                                                     gboolean           show);
gboolean           lm_scatter_plot_get_show_cutoffs (LmScatterPlot     *self);
/* Rank intervals of a Monte Carlo run as error bars (see
 * lm_scatter_renderer_set_show_intervals()); off by default. */
void               lm_scatter_plot_set_show_intervals (LmScatterPlot   *self,
                                                       gboolean         show);
gboolean           lm_scatter_plot_get_show_intervals (LmScatterPlot   *self);
/* Text and marks larger than on a desk (evidence sessions); 1 = normal. */
void               lm_scatter_plot_set_text_scale   (LmScatterPlot     *self,
                                                     double             scale);
double             lm_scatter_plot_get_text_scale   (LmScatterPlot     *self);

/* The statistics as shown. */
const LmStats     *lm_scatter_plot_get_stats        (LmScatterPlot     *self);
/* The renderer, laid out for the widget's size: its transforms map data
 * to widget coordinates. */
LmScatterRenderer *lm_scatter_plot_get_renderer     (LmScatterPlot     *self);
/* The area under the pointer, or -1. */
int                lm_scatter_plot_get_hover        (LmScatterPlot     *self);
/* What the tooltip says about @area (Pango markup). */
char              *lm_scatter_plot_describe_area    (LmScatterPlot     *self,
                                                     guint              area);
/* Selects the points inside the rectangle spanned by two corners in
 * widget coordinates, as the rubber band does. */
void               lm_scatter_plot_select_rect      (LmScatterPlot     *self,
                                                     double             x0,
                                                     double             y0,
                                                     double             x1,
                                                     double             y1,
                                                     LmSelectionMode    mode);

G_END_DECLS
