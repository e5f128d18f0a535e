/* lm-scatter-renderer.h — a scatter plot with its statistics, drawn with
 * Pango and Cairo (no GTK)
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "lm-dataset.h"
#include "lm-level.h"
#include "lm-model.h"
#include "lm-palette.h"
#include "lm-stats.h"

G_BEGIN_DECLS

typedef enum
{
  LM_SCATTER_COLOUR_NONE,         /* one colour */
  LM_SCATTER_COLOUR_REGION,       /* by the area's region (the top level) */
  LM_SCATTER_COLOUR_LEFT_BEHIND,  /* left behind or not (see set_left_behind) */
} LmScatterColourBy;

typedef struct _LmScatterRenderer LmScatterRenderer;

/* The picture, in a width x height rectangle: the plot area with round
 * ticks covering the data, the points, the least-squares line and the
 * left-behind cut-offs; beside it (or below it, when narrow) a panel
 * with the statistics box and the key.
 *
 * Like sysprof's charts, the renderer keeps the points normalised to the
 * axis ranges (0..1) and recomputes them, the statistics and the hit-test
 * index only when the data or the axes change (set_variables,
 * invalidate); a new size only moves the layout. */
LmScatterRenderer *lm_scatter_renderer_new            (void);
void               lm_scatter_renderer_free           (LmScatterRenderer *self);

/* @x and @y must be variables of @level. All three are borrowed and must
 * outlive the renderer or the next call. NULL clears the plot. */
void               lm_scatter_renderer_set_variables  (LmScatterRenderer *self,
                                                       LmLevel           *level,
                                                       LmVariable        *x,
                                                       LmVariable        *y);
LmLevel           *lm_scatter_renderer_get_level      (LmScatterRenderer *self);
LmVariable        *lm_scatter_renderer_get_x          (LmScatterRenderer *self);
LmVariable        *lm_scatter_renderer_get_y          (LmScatterRenderer *self);
/* Re-reads the values (after the model's "recomputed"). */
void               lm_scatter_renderer_invalidate     (LmScatterRenderer *self);

/* Population-weighted statistics (weighted Pearson r and weighted least
 * squares, weights level->population); the box then says so. */
void               lm_scatter_renderer_set_weighted   (LmScatterRenderer *self,
                                                       gboolean           weighted);
gboolean           lm_scatter_renderer_get_weighted   (LmScatterRenderer *self);
void               lm_scatter_renderer_set_colour_by  (LmScatterRenderer *self,
                                                       LmScatterColourBy  colour_by);
LmScatterColourBy  lm_scatter_renderer_get_colour_by  (LmScatterRenderer *self);
/* The left-behind flags (the rule's flag variable at its level,
 * borrowed) for LM_SCATTER_COLOUR_LEFT_BEHIND. At a coarser
 * level an area counts when it contains a flagged area, at a finer level
 * when it lies in one. */
void               lm_scatter_renderer_set_left_behind (LmScatterRenderer *self,
                                                        const LmVariable  *flags);
/* Cut-off lines at these data values (NAN = no line on that axis); with
 * both, the quadrant beyond both is shaded. See lm_scatter_find_cutoffs(). */
void               lm_scatter_renderer_set_cutoffs    (LmScatterRenderer *self,
                                                       double             x_cut,
                                                       double             y_cut);
void               lm_scatter_renderer_set_show_cutoffs (LmScatterRenderer *self,
                                                         gboolean           show);
/* Error bars: on an axis showing an index's rank (ID.rank or
 * ID.rank_median) where a Monte Carlo run made ID.rank_p05 and
 * ID.rank_p95, each point gets a line over its 90% interval. */
void               lm_scatter_renderer_set_show_intervals (LmScatterRenderer *self,
                                                           gboolean           show);
/* Multiplies text, marks and line widths (1 = screen, larger for print);
 * @family NULL = "Sans". */
void               lm_scatter_renderer_set_font       (LmScatterRenderer *self,
                                                       const char        *family,
                                                       double             scale);
/* Colours for a dark theme (dark paper, light ink). */
void               lm_scatter_renderer_set_dark       (LmScatterRenderer *self,
                                                       gboolean           dark);

/* Statistics of the plotted data (as lm_stats_compute() gives them). */
const LmStats     *lm_scatter_renderer_get_stats      (LmScatterRenderer *self);
/* The lines of the statistics box, as drawn (NULL-terminated; free
 * with g_strfreev()). */
char             **lm_scatter_renderer_format_stats   (LmScatterRenderer *self);
/* The axis ranges and tick step (ticks at lo, lo + step, ..., hi). */
void               lm_scatter_renderer_get_axis       (LmScatterRenderer *self,
                                                       gboolean           y_axis,
                                                       double            *out_lo,
                                                       double            *out_hi,
                                                       double            *out_step);
guint              lm_scatter_renderer_get_n_points   (LmScatterRenderer *self);

/* Lays out for a @width x @height output (draw does it too). The
 * transforms and hit tests below refer to the last layout. */
void               lm_scatter_renderer_set_size       (LmScatterRenderer *self,
                                                       double             width,
                                                       double             height);
void               lm_scatter_renderer_get_plot_area  (LmScatterRenderer *self,
                                                       cairo_rectangle_t *out_area);
void               lm_scatter_renderer_data_to_pixel  (LmScatterRenderer *self,
                                                       double             x,
                                                       double             y,
                                                       double            *out_px,
                                                       double            *out_py);
void               lm_scatter_renderer_pixel_to_data  (LmScatterRenderer *self,
                                                       double             px,
                                                       double             py,
                                                       double            *out_x,
                                                       double            *out_y);
/* The drawn least-squares line, in pixels; FALSE if there is none. */
gboolean           lm_scatter_renderer_get_fit_segment (LmScatterRenderer *self,
                                                        double            *out_x0,
                                                        double            *out_y0,
                                                        double            *out_x1,
                                                        double            *out_y1);
/* The area whose point is nearest to (@px, @py) and at most
 * @max_distance pixels from it, or -1 (grid-bucket index, no scan). */
int                lm_scatter_renderer_find_nearest   (LmScatterRenderer *self,
                                                       double             px,
                                                       double             py,
                                                       double             max_distance);
/* The areas whose points lie inside the pixel rectangle spanned by the
 * two corners (any order), ascending (GArray of guint). */
GArray            *lm_scatter_renderer_find_in_rect   (LmScatterRenderer *self,
                                                       double             x0,
                                                       double             y0,
                                                       double             x1,
                                                       double             y1);

/* Draws the whole plot (paper, axes, cut-offs, points, line, panel) in
 * 0,0 .. @width,@height of @cr's user space. */
void               lm_scatter_renderer_draw           (LmScatterRenderer *self,
                                                       cairo_t           *cr,
                                                       double             width,
                                                       double             height);
/* Draws what changes without new data, over a draw of the same size:
 * the selected points (@selected: level->n_areas bytes, or NULL),
 * labelled when there are few, and the hovered area (-1 = none). */
void               lm_scatter_renderer_draw_overlay   (LmScatterRenderer *self,
                                                       cairo_t           *cr,
                                                       const guint8      *selected,
                                                       int                hover);

/* The left-behind rule's cut-offs on these axes, in data values, when
 * @level is the rule's level: a criterion applies to an axis when it is
 * on that variable or on its rank or decile. NAN where none applies. */
void               lm_scatter_find_cutoffs            (LmDataset         *dataset,
                                                       LmLevel           *level,
                                                       const LmVariable  *x,
                                                       const LmVariable  *y,
                                                       double            *out_x_cut,
                                                       double            *out_y_cut);
/* A variable's rank at its level (a RANK variable whose source is it),
 * or NULL. */
LmVariable        *lm_scatter_find_rank_variable      (const LmVariable  *variable);
/* "IMD score", "Leave vote 2016 (%)", "IMD rank (1 = most deprived)":
 * the variable's title with its unit when the title does not say it. */
char              *lm_scatter_get_axis_title          (const LmVariable  *variable);

/* A renderer of @y_id against @x_id at @level_id of the model's data,
 * with its left-behind flags and cut-offs (see lm-scatter-draw.c). */
LmScatterRenderer *lm_scatter_renderer_new_for_model  (LmModel           *model,
                                                       const char        *level_id,
                                                       const char        *x_id,
                                                       const char        *y_id,
                                                       GError           **error);
/* The dataset's report title for these axes, or "Y against X". */
char              *lm_scatter_get_figure_title        (LmDataset         *dataset,
                                                       const char        *level_id,
                                                       const LmVariable  *x,
                                                       const LmVariable  *y);

/* Headless export (the command line's --export-scatter). */
typedef struct
{
  const char        *level;      /* level id, e.g. "lad" */
  const char        *x;          /* variable ids */
  const char        *y;
  int                width;      /* pixels (PNG) or points (SVG, PDF); 0 = 1200 x 900 */
  int                height;
  gboolean           weighted;
  LmScatterColourBy  colour_by;
  gboolean           show_cutoffs;
  gboolean           show_selection; /* the model's selection, ringed and named */
  gboolean           show_intervals; /* rank intervals as error bars, where there are any */
  const char        *title;      /* NULL: the preset's title, or "Y against X" */
} LmScatterExportOptions;

/* Writes the figure (title, plot, statistics, attributions and a
 * provenance line) to @path; PNG, SVG or PDF by its extension. */
gboolean           lm_scatter_export                  (LmModel                      *model,
                                                       const LmScatterExportOptions *options,
                                                       const char                   *path,
                                                       GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LmScatterRenderer, lm_scatter_renderer_free)

G_END_DECLS
