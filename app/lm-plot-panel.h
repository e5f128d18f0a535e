/* lm-plot-panel.h — the scatter plot with its choice of report figure or
 * axes, bound to the view state
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lm-view.h"

G_BEGIN_DECLS

#define LM_TYPE_PLOT_PANEL (lm_plot_panel_get_type ())
G_DECLARE_FINAL_TYPE (LmPlotPanel, lm_plot_panel, LM, PLOT_PANEL, AdwBin)

/* A drop-down of the report figures the data can show and "Any Two
 * Variables" (which reveals an x and a y drop-down), a "Weighted"
 * toggle, and an LmScatterPlot below. All of them follow and set the
 * view's "plot-preset", "plot-level", "plot-x", "plot-y" and "weighted";
 * the panel keeps none of them.
 *
 * Properties: "view" (LmView), "text-scale" (the plot's, for
 * presentation view).
 * Signals: "area-activated" (gpointer level, guint area): a point of
 * the plot was double-clicked. */
GtkWidget *lm_plot_panel_new            (void);
LmView    *lm_plot_panel_get_view       (LmPlotPanel *self);
void       lm_plot_panel_set_view       (LmPlotPanel *self,
                                         LmView      *view);
/* Makes the plot for @model (NULL removes it). The window calls this
 * once the map is drawn, so that start-up shows the map first. */
void       lm_plot_panel_set_model      (LmPlotPanel *self,
                                         LmModel     *model);
/* The LmScatterPlot, or NULL without a model. */
GtkWidget *lm_plot_panel_get_plot       (LmPlotPanel *self);
double     lm_plot_panel_get_text_scale (LmPlotPanel *self);
void       lm_plot_panel_set_text_scale (LmPlotPanel *self,
                                         double       scale);

G_END_DECLS
