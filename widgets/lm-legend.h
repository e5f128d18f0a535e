/* lm-legend.h — the on-screen legend of a choropleth
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lm-choropleth.h"

G_BEGIN_DECLS

#define LM_TYPE_LEGEND (lm_legend_get_type ())
G_DECLARE_FINAL_TYPE (LmLegend, lm_legend, LM, LEGEND, GtkWidget)

/**
 * lm_legend_new:
 * @map: (nullable): the map whose classes are shown
 *
 * The legend of @map, drawn with the same renderer as exported figures:
 * title, class bounds and counts, "No data" and "Left behind" rows. It
 * follows the map's "classes-changed" signal. Clicking a class selects
 * its areas in the model's selection (Shift+click adds them), as in GeoDa.
 * Each row is also a focusable button with an accessible label: Tab
 * reaches the fold button, then the rows, which the arrows walk and
 * Enter (Shift+Enter to add) selects.
 */
GtkWidget    *lm_legend_new              (LmChoropleth *map);
LmChoropleth *lm_legend_get_map          (LmLegend     *self);
void          lm_legend_set_map          (LmLegend     *self,
                                          LmChoropleth *map);
/* Hides the count of areas beside each class (TRUE, the default, shows
 * it): a presentation's legend reads better without. */
void          lm_legend_set_show_counts  (LmLegend     *self,
                                          gboolean      show_counts);
/* The "collapsed" property: folded to one "Legend" button. */
gboolean      lm_legend_get_collapsed    (LmLegend     *self);
void          lm_legend_set_collapsed    (LmLegend     *self,
                                          gboolean      collapsed);
/* The size the legend takes unfolded, whether it is folded or not. */
void          lm_legend_get_full_size    (LmLegend     *self,
                                          int          *width,
                                          int          *height);
/* Selects the areas of one legend row: a class index (0 = lowest
 * values), LM_LEGEND_HIT_NO_DATA or LM_LEGEND_HIT_LEFT_BEHIND, as a click
 * (REPLACE) or Shift+click (ADD) does. Returns FALSE for other rows. */
gboolean      lm_legend_select_row       (LmLegend     *self,
                                          int           row,
                                          LmSelectionMode mode);
/* A row as the screen reader reads it ("Left behind: wards: 226
 * wards"), or NULL if the legend has no such row now. */
char         *lm_legend_describe_row     (LmLegend     *self,
                                          int           row);
/* The row under widget point (@x, @y), as lm_legend_renderer_hit_test()
 * reports it. */
int           lm_legend_hit_test         (LmLegend     *self,
                                          double        x,
                                          double        y);

/* The font of the class rows of a legend whose widget's Pango context
 * is @context: its @family (owned by @context) and size in device units
 * (13/11 of the interface font's). FALSE when @context has no size. */
gboolean      lm_legend_get_context_font (PangoContext  *context,
                                          const char   **family,
                                          double        *px_size);

G_END_DECLS
