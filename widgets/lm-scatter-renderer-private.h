/* lm-scatter-renderer-private.h — the scatter renderer's state, shared by its files
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LmScatterRenderer is one type in three files: lm-scatter-renderer.c
 * (the data cache, statistics, layout and the API), lm-scatter-draw.c
 * (drawing and the exported figure) and lm-scatter-axes.c (numbers,
 * ticks, axis titles and the left-behind cut-offs).
 */
#pragma once

#include <pango/pangocairo.h>

#include "lm-hit-grid.h"
#include "lm-scatter-renderer.h"

G_BEGIN_DECLS

/* Sizes in pixels at scale 1. */
#define FONT_TICK      11.0
#define FONT_TITLE     12.0
#define FONT_STATS     12.0
#define FONT_KEY       11.0
#define FONT_LABEL     11.0
#define PAD            10.0
#define TICK_LENGTH     5.0
#define GAP             4.0
#define PANEL_GAP      18.0
#define SWATCH         18.0
#define TARGET_TICKS    5

/* More regions than this and colours stop being told apart: plain points. */
#define MAX_CATEGORIES 12
/* Selected points get a name label when there are at most this many. */
#define MAX_LABELS     12

typedef enum
{
  KEY_HEADER,
  KEY_POINT,
  KEY_LINE,
  KEY_DASH,
  KEY_AREA,
} KeyKind;

typedef struct
{
  KeyKind  kind;
  LmColor  color;
  char    *label;
} KeyEntry;

typedef struct
{
  double lo;
  double hi;
  double step;
  guint  n_ticks;    /* ticks at lo + i * step, i < n_ticks */
  int    decimals;
} Axis;

typedef struct
{
  LmColor paper;
  LmColor ink;
  LmColor muted;
  LmColor grid;
  LmColor axis;
  LmColor box;
  LmColor box_border;
  LmColor cutoff;
  LmColor shade;
  LmColor selection;
  LmColor hover;
} Theme;

struct _LmScatterRenderer
{
  /* Inputs; all borrowed. */
  LmLevel           *level;
  LmVariable        *x;
  LmVariable        *y;
  const LmVariable  *flags;
  gboolean           weighted;
  LmScatterColourBy  colour_by;
  gboolean           show_cutoffs;
  gboolean           show_intervals;
  double             x_cut;
  double             y_cut;
  char              *family;
  double             scale;
  gboolean           dark;

  /* The data cache, rebuilt by ensure_data() when invalid. The points
   * are the areas with both values, in area order. */
  gboolean           data_valid;
  guint              n_points;
  guint             *area;          /* n_points area indices */
  double            *nx;            /* n_points, 0..1 across the x axis */
  double            *ny;            /* n_points, 0..1 up the y axis */
  guint8            *category;      /* n_points colour classes */
  int               *point_of_area; /* level->n_areas, -1 = not plotted */
  guint              n_categories;
  LmColor           *colors;        /* n_categories */
  Axis               axes[2];
  double             data_x_min;
  double             data_x_max;
  LmStats            stats;
  GArray            *stats_scratch;
  GPtrArray         *key;           /* KeyEntry* */
  char             **stats_lines;
  double             radius;        /* at scale 1 */
  double             alpha;

  /* Grid buckets over the normalised square, so that hit tests do not
   * depend on the size and survive resizing. */
  LmHitGrid         *grid;

  /* The layout, for the last size. */
  gboolean           layout_valid;
  double             width;
  double             height;
  double             plot_x;
  double             plot_y;
  double             plot_w;
  double             plot_h;
  gboolean           panel_below;
  double             panel_x;
  double             panel_y;
  double             box_w;
  double             box_h;
  /* Widths the statistics and the key's labels wrap at, 0 for none: a
   * narrow plot wraps them rather than cut them off (issue 13). */
  double             stats_wrap;
  double             key_wrap;
  double             key_x;
  double             key_y;

  PangoContext      *pango;
  Theme              theme;
};

/* lm-scatter-renderer.c */
PangoLayout *_lm_scatter_create_layout   (LmScatterRenderer *self,
                                          const char        *text,
                                          double             size,
                                          PangoWeight        weight);
void         _lm_scatter_ensure_layout   (LmScatterRenderer *self);
void         _lm_scatter_set_color       (cairo_t           *cr,
                                          const LmColor     *color,
                                          double             alpha);
/* Draws @layout with its point (@ax, @ay) of its box (0..1) at (@x, @y). */
void         _lm_scatter_show_layout     (cairo_t           *cr,
                                          PangoLayout       *layout,
                                          double             x,
                                          double             y,
                                          double             ax,
                                          double             ay);
/* Where the label of a point at (@px, @py) goes, @width by @height:
 * right of it, else left, and inside the plot; FALSE where it would
 * cover one of the @n_placed labels or cannot fit. */
gboolean     _lm_scatter_place_label     (LmScatterRenderer       *self,
                                          double                   width,
                                          double                   height,
                                          double                   px,
                                          double                   py,
                                          const cairo_rectangle_t *placed,
                                          guint                    n_placed,
                                          cairo_rectangle_t       *out_rect);
/* A layout wrapped at @wrap pixels (0: not wrapped). */
PangoLayout *_lm_scatter_create_wrapped_layout (LmScatterRenderer *self,
                                               const char        *text,
                                               double             size,
                                               PangoWeight        weight,
                                               double             wrap);
void         _lm_scatter_show_text       (LmScatterRenderer *self,
                                          cairo_t           *cr,
                                          const char        *text,
                                          double             size,
                                          PangoWeight        weight,
                                          double             x,
                                          double             y,
                                          double             ax,
                                          double             ay);

/* lm-scatter-axes.c */
void         _lm_scatter_axis_init       (Axis              *axis,
                                          double             min,
                                          double             max);
double       _lm_scatter_axis_tick       (const Axis        *axis,
                                          guint              i);
char        *_lm_scatter_format_fixed    (double             value,
                                          int                decimals);
char        *_lm_scatter_format_significant (double          value);
char        *_lm_scatter_format_statistic (double            value);
char        *_lm_scatter_format_tick     (const LmVariable  *variable,
                                          double             value,
                                          int                decimals);

/* Pixel position of normalised coordinates; the one formula used by
 * drawing and hit-testing alike. */
static inline void
_lm_scatter_norm_to_pixel (LmScatterRenderer *self,
                           double             u,
                           double             v,
                           double            *px,
                           double            *py)
{
  *px = self->plot_x + u * self->plot_w;
  *py = self->plot_y + (1 - v) * self->plot_h;
}

G_END_DECLS
