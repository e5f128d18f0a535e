/* lm-scatter-plot-private.h — the scatter plot widget's state, shared
 * by its files
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LmScatterPlot is one type in two files: lm-scatter-plot.c (the model,
 * the pointer, drawing, life cycle) and lm-scatter-plot-keys.c (the
 * keyboard: walking and selecting points).
 */
#pragma once

#include "lm-scatter-plot.h"

G_BEGIN_DECLS

/* How close, in pixels, the pointer must be to a point to hover or
 * click it. */
#define HIT_RADIUS   8.0
/* A press that moves less than this is a click, not a rubber band. */
#define DRAG_SLOP    3.0

struct _LmScatterPlot
{
  GtkWidget          parent_instance;

  LmModel           *model;
  LmSelection       *selection;      /* borrowed from @model */
  char              *level_id;
  char              *x_id;
  char              *y_id;
  gboolean           show_cutoffs;
  gboolean           show_intervals;
  double             text_scale;

  LmScatterRenderer *renderer;
  char              *font_family;

  /* The plot without selection and hover, rebuilt only when the data,
   * the size or the theme change; selection, hover and the rubber band
   * are drawn over it every frame. */
  GskRenderNode     *base_node;
  /* The recomputed values the plot last followed: the level, axes and
   * flags, their values and the cut-offs (see data_changed) */
  GByteArray        *drawn_from;

  int                hover;          /* area index, or -1 */
  gboolean           dragging;
  double             drag_x0;
  double             drag_y0;
  double             drag_x1;
  double             drag_y1;
};

/* lm-scatter-plot.c */
void      _lm_scatter_plot_set_hover       (LmScatterPlot  *self,
                                            int             hover);

/* lm-scatter-plot-keys.c */
void      _lm_scatter_plot_keys_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
