/* lm-view-bindings.h — the map and the plot following an LmView
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lm-choropleth.h"
#include "lm-scatter-plot.h"
#include "lm-view.h"

G_BEGIN_DECLS

/* Binds @map to @view, at once: level, variable, classification,
 * colours, left-behind marks, and the extent with @extent_flags added
 * (G_BINDING_BIDIRECTIONAL in the window, where pans and zooms come back
 * to the view; nothing more in a presentation). */
void  lm_view_bind_map   (LmView        *view,
                          LmChoropleth  *map,
                          GBindingFlags  extent_flags);
/* Binds @plot to @view's plot level and axes, and its weighting with
 * @weighted_flags added. */
void  lm_view_bind_plot  (LmView        *view,
                          LmScatterPlot *plot,
                          GBindingFlags  weighted_flags);

G_END_DECLS
