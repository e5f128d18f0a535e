/* lm-rasterizer.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lm-rasterizer.h"

/* Coordinates are fixed point with 8 fractional bits, like Cairo's. */
#define FRAC_BITS 8
#define ONE (1 << FRAC_BITS)

/* A pixel's signed area is cover * 2 * ONE - area (see sweep_row()):
 * FULL for a wholly covered pixel. */
#define FULL (2 * ONE * ONE)

typedef struct
{
  gint32 x0;
  gint32 y0;      /* y0 < y1 */
  gint32 x1;
  gint32 y1;
  gint32 dir;     /* +1 drawn downwards, -1 upwards */
  double dxdy;
} Edge;

struct _LmRasterizer
{
  int       width;
  int       height;
  int       first_row;    /* the rows filled: [first_row, end_row) */
  int       end_row;

  Edge     *edges;
  guint     n_edges;
  guint     edges_size;

  /* The path being built, in pixels */
  gboolean  have_point;
  double    cur_x;
  double    cur_y;
  double    start_x;
  double    start_y;

  /* One pixel row's cells: the accumulated cover and area of the edges
   * crossing each pixel, and which pixels any edge touched. */
  gint32   *cover;
  gint32   *area;
  guint64  *touched;
  guint     n_words;
  int       cells_size;   /* allocated for this width */

  /* Edges by the row they start in, and those crossing the current row */
  guint    *row_starts;   /* n_rows + 1 */
  int       rows_size;    /* allocated for this height */
  guint    *order;
  guint    *active;
  guint     order_size;
};

LmRasterizer *
lm_rasterizer_new (void)
{
  return g_new0 (LmRasterizer, 1);
}

void
lm_rasterizer_set_target (LmRasterizer *self,
                          int           width,
                          int           height,
                          int           first_row,
                          int           n_rows)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (width > 0 && height > 0);
  g_return_if_fail (first_row >= 0 && n_rows > 0 && first_row + n_rows <= height);

  /* One cell more than pixels: an edge exactly on the right border
   * lands in it, and it is never drawn. */
  if (width > self->cells_size)
    {
      g_free (self->cover);
      g_free (self->area);
      g_free (self->touched);
      self->cells_size = width;
      self->cover = g_new0 (gint32, width + 1);
      self->area = g_new0 (gint32, width + 1);
      self->touched = g_new0 (guint64, (width + 1 + 63) / 64);
    }
  if (n_rows > self->rows_size)
    {
      g_free (self->row_starts);
      self->rows_size = n_rows;
      self->row_starts = g_new (guint, n_rows + 1);
    }
  self->width = width;
  self->height = height;
  self->first_row = first_row;
  self->end_row = first_row + n_rows;
  self->n_words = (guint) (width + 1 + 63) / 64;
  lm_rasterizer_reset (self);
}

void
lm_rasterizer_free (LmRasterizer *self)
{
  if (self == NULL)
    return;
  g_free (self->edges);
  g_free (self->cover);
  g_free (self->area);
  g_free (self->touched);
  g_free (self->row_starts);
  g_free (self->order);
  g_free (self->active);
  g_free (self);
}

void
lm_rasterizer_reset (LmRasterizer *self)
{
  g_return_if_fail (self != NULL);

  self->n_edges = 0;
  self->have_point = FALSE;
}

gboolean
lm_rasterizer_is_empty (LmRasterizer *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->n_edges == 0;
}

/* ------------------------------------------------------------------ */
/* Edges                                                                */
/* ------------------------------------------------------------------ */

static void
push_edge (LmRasterizer *self,
           double        x0,
           double        y0,
           double        x1,
           double        y1)
{
  gint32 fx0 = (gint32) lrint (x0 * ONE);
  gint32 fy0 = (gint32) lrint (y0 * ONE);
  gint32 fx1 = (gint32) lrint (x1 * ONE);
  gint32 fy1 = (gint32) lrint (y1 * ONE);
  Edge *edge;

  /* Horizontal edges cover nothing. */
  if (fy0 == fy1)
    return;
  if (G_UNLIKELY (self->n_edges == self->edges_size))
    {
      self->edges_size = MAX (1024, self->edges_size * 2);
      self->edges = g_renew (Edge, self->edges, self->edges_size);
    }
  edge = &self->edges[self->n_edges++];
  if (fy0 < fy1)
    {
      edge->x0 = fx0;
      edge->y0 = fy0;
      edge->x1 = fx1;
      edge->y1 = fy1;
      edge->dir = 1;
    }
  else
    {
      edge->x0 = fx1;
      edge->y0 = fy1;
      edge->x1 = fx0;
      edge->y1 = fy0;
      edge->dir = -1;
    }
  edge->dxdy = (double) (edge->x1 - edge->x0) / (edge->y1 - edge->y0);
}

/* Adds the part of an edge (y0 != y1, both within the rows) that
 * matters for pixels at x >= 0 and < width: what lies right of the
 * target is dropped (coverage only flows rightwards), what lies left of
 * it is moved onto x = 0, which keeps its winding and nothing else. The
 * pieces keep the edge's direction. */
static void
add_clipped_x (LmRasterizer *self,
               double        x0,
               double        y0,
               double        x1,
               double        y1)
{
  double w = self->width;
  double xs[4], ys[4];
  guint n = 0;

  if (x0 >= w && x1 >= w)
    return;
  if (x0 <= 0 && x1 <= 0)
    {
      push_edge (self, 0, y0, 0, y1);
      return;
    }
  if (x0 >= 0 && x0 <= w && x1 >= 0 && x1 <= w)
    {
      push_edge (self, x0, y0, x1, y1);
      return;
    }

  /* The points where the edge crosses x = 0 and x = width, in order
   * from its start. */
  xs[n] = x0, ys[n++] = y0;
  {
    double t0 = (0 - x0) / (x1 - x0);
    double tw = (w - x0) / (x1 - x0);
    double first = MIN (t0, tw), second = MAX (t0, tw);

    if (first > 0 && first < 1)
      xs[n] = x0 + first * (x1 - x0), ys[n++] = y0 + first * (y1 - y0);
    if (second > 0 && second < 1)
      xs[n] = x0 + second * (x1 - x0), ys[n++] = y0 + second * (y1 - y0);
  }
  xs[n] = x1, ys[n++] = y1;

  for (guint i = 0; i + 1 < n; i++)
    {
      double mid = (xs[i] + xs[i + 1]) / 2;

      if (mid <= 0)
        push_edge (self, 0, ys[i], 0, ys[i + 1]);
      else if (mid < w)
        push_edge (self, CLAMP (xs[i], 0, w), ys[i], CLAMP (xs[i + 1], 0, w), ys[i + 1]);
    }
}

static void
add_edge (LmRasterizer *self,
          double        x0,
          double        y0,
          double        x1,
          double        y1)
{
  double h = self->height;

  if (y0 == y1 || !isfinite (x0) || !isfinite (y0) || !isfinite (x1) || !isfinite (y1))
    return;
  /* Only the rows filled matter. Edges are still cut at the target's
   * own top and bottom, not at these rows, so that every band of a
   * target sees the very same edges and their pieces meet exactly. */
  if ((y0 <= self->first_row && y1 <= self->first_row) ||
      (y0 >= self->end_row && y1 >= self->end_row))
    return;
  /* Rows outside the target do not matter: cut them off, keeping the
   * slope. */
  if (y0 < 0 || y1 < 0 || y0 > h || y1 > h)
    {
      double dxdy = (x1 - x0) / (y1 - y0);
      double ny0 = CLAMP (y0, 0, h);
      double ny1 = CLAMP (y1, 0, h);
      double nx0 = x0 + (ny0 - y0) * dxdy;
      double nx1 = x0 + (ny1 - y0) * dxdy;

      x0 = nx0, y0 = ny0;
      x1 = nx1, y1 = ny1;
    }
  add_clipped_x (self, x0, y0, x1, y1);
}

void
lm_rasterizer_move_to (LmRasterizer *self,
                       double        x,
                       double        y)
{
  g_return_if_fail (self != NULL);

  if (self->have_point)
    add_edge (self, self->cur_x, self->cur_y, self->start_x, self->start_y);
  self->cur_x = self->start_x = x;
  self->cur_y = self->start_y = y;
  self->have_point = TRUE;
}

void
lm_rasterizer_line_to (LmRasterizer *self,
                       double        x,
                       double        y)
{
  g_return_if_fail (self != NULL);

  if (!self->have_point)
    {
      lm_rasterizer_move_to (self, x, y);
      return;
    }
  add_edge (self, self->cur_x, self->cur_y, x, y);
  self->cur_x = x;
  self->cur_y = y;
}

void
lm_rasterizer_add_pixel (LmRasterizer *self,
                         int           x,
                         int           y)
{
  g_return_if_fail (self != NULL);

  lm_rasterizer_move_to (self, x, y);
  lm_rasterizer_line_to (self, x + 1, y);
  lm_rasterizer_line_to (self, x + 1, y + 1);
  lm_rasterizer_line_to (self, x, y + 1);
}

/* ------------------------------------------------------------------ */
/* Cells                                                                */
/* ------------------------------------------------------------------ */

static inline void
add_cell (LmRasterizer *self,
          int           cx,
          int           cover,
          int           area)
{
  if (G_UNLIKELY (cx >= self->width))
    return;
  self->cover[cx] += cover;
  self->area[cx] += area;
  self->touched[cx >> 6] |= G_GUINT64_CONSTANT (1) << (cx & 63);
}

/* One edge's piece within a pixel row, from (xa, ya) to (xb, yb),
 * ya < yb, both x within [0, width * ONE]. Each cell it crosses gets
 * the height it spans (cover) and that height times the sum of its
 * entry and exit x within the cell (twice the area left of it). */
static void
render_span (LmRasterizer *self,
             gint32        xa,
             gint32        ya,
             gint32        xb,
             gint32        yb,
             int           dir)
{
  int ex1 = xa >> FRAC_BITS;
  int ex2 = xb >> FRAC_BITS;
  int fx1 = xa - (ex1 << FRAC_BITS);
  int fx2 = xb - (ex2 << FRAC_BITS);
  double dydx;
  gint32 y = ya;

  if (ex1 == ex2)
    {
      int dy = (yb - ya) * dir;

      add_cell (self, ex1, dy, dy * (fx1 + fx2));
      return;
    }

  dydx = (double) (yb - ya) / (xb - xa);
  if (xb > xa)
    {
      for (int cx = ex1; cx < ex2; cx++)
        {
          gint32 bx = (cx + 1) << FRAC_BITS;
          gint32 by = ya + (gint32) lrint ((bx - xa) * dydx);
          int dy;

          by = CLAMP (by, y, yb);
          dy = (by - y) * dir;
          add_cell (self, cx, dy, dy * (fx1 + ONE));
          y = by;
          fx1 = 0;
        }
      {
        int dy = (yb - y) * dir;

        add_cell (self, ex2, dy, dy * fx2);
      }
    }
  else
    {
      for (int cx = ex1; cx > ex2; cx--)
        {
          gint32 bx = cx << FRAC_BITS;
          gint32 by = ya + (gint32) lrint ((bx - xa) * dydx);
          int dy;

          by = CLAMP (by, y, yb);
          dy = (by - y) * dir;
          add_cell (self, cx, dy, dy * fx1);
          y = by;
          fx1 = ONE;
        }
      {
        int dy = (yb - y) * dir;

        add_cell (self, ex2, dy, dy * (ONE + fx2));
      }
    }
}

/* Where an edge crosses the row boundary @y, the same from whichever
 * row it is asked, so that the pieces of an edge meet exactly. */
static inline gint32
edge_x_at (const Edge *edge,
           gint32      y)
{
  gint32 x;

  if (y <= edge->y0)
    return edge->x0;
  if (y >= edge->y1)
    return edge->x1;
  x = edge->x0 + (gint32) lrint ((y - edge->y0) * edge->dxdy);
  return CLAMP (x, MIN (edge->x0, edge->x1), MAX (edge->x0, edge->x1));
}

/* ------------------------------------------------------------------ */
/* Compositing, with pixman's rounding                                 */
/* ------------------------------------------------------------------ */

/* x * a / 255 per channel, rounded as pixman's UN8x4_MUL_UN8 */
static inline guint32
mul_un8x4 (guint32 x,
           guint32 a)
{
  guint32 rb = (x & 0x00ff00ff) * a + 0x00800080;
  guint32 ag = ((x >> 8) & 0x00ff00ff) * a + 0x00800080;

  rb = ((rb + ((rb >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff;
  ag = (ag + ((ag >> 8) & 0x00ff00ff)) & 0xff00ff00;
  return rb | ag;
}

/* x + y per channel, saturated, as pixman's UN8x4_ADD_UN8x4 */
static inline guint32
add_un8x4 (guint32 x,
           guint32 y)
{
  guint32 rb = (x & 0x00ff00ff) + (y & 0x00ff00ff);
  guint32 ag = ((x >> 8) & 0x00ff00ff) + ((y >> 8) & 0x00ff00ff);

  rb |= 0x10000100 - ((rb >> 8) & 0x00ff00ff);
  ag |= 0x10000100 - ((ag >> 8) & 0x00ff00ff);
  return (rb & 0x00ff00ff) | ((ag & 0x00ff00ff) << 8);
}

/* @src IN @coverage OVER @dst */
static inline guint32
over (guint32 src,
      guint32 coverage,
      guint32 dst)
{
  guint32 s = coverage == 255 ? src : mul_un8x4 (src, coverage);
  guint32 sa = s >> 24;

  if (sa == 255)
    return s;
  return add_un8x4 (s, mul_un8x4 (dst, 255 - sa));
}

/* A signed area (FULL = the whole pixel) as 8-bit coverage under the
 * fill rule. */
static inline guint32
to_coverage (gint64           area,
             LmRasterFillRule rule)
{
  if (area < 0)
    area = -area;
  if (rule == LM_RASTER_FILL_EVEN_ODD)
    {
      area &= 2 * FULL - 1;
      if (area > FULL)
        area = 2 * FULL - area;
    }
  else if (area > FULL)
    area = FULL;
  return (guint32) ((area * 255 + FULL / 2) / FULL);
}

static inline void
fill_run (guint32 *row,
          int      x0,
          int      x1,
          guint32  pixel,
          guint32  coverage)
{
  if (coverage == 0 || x0 >= x1)
    return;
  if (coverage == 255 && (pixel >> 24) == 255)
    {
      for (int x = x0; x < x1; x++)
        row[x] = pixel;
      return;
    }
  for (int x = x0; x < x1; x++)
    row[x] = over (pixel, coverage, row[x]);
}

/* Turns the row's cells into coverage, left to right: the running sum of
 * the covers says how much of a pixel the edges to its left enclose, its
 * own cell's area corrects that for edges within it. Empties the cells. */
static void
sweep_row (LmRasterizer     *self,
           guint32          *row,
           guint32           pixel,
           LmRasterFillRule  rule)
{
  gint64 run = 0;
  int next = 0;   /* first pixel not drawn yet */

  for (guint w = 0; w < self->n_words; w++)
    {
      guint64 bits = self->touched[w];

      if (bits == 0)
        continue;
      self->touched[w] = 0;
      do
        {
          int cx = (int) (w * 64) + __builtin_ctzll (bits);
          gint64 area;

          bits &= bits - 1;
          if (run != 0)
            fill_run (row, next, cx, pixel, to_coverage (run * 2 * ONE, rule));
          run += self->cover[cx];
          area = run * 2 * ONE - self->area[cx];
          if (area != 0)
            row[cx] = over (pixel, to_coverage (area, rule), row[cx]);
          self->cover[cx] = 0;
          self->area[cx] = 0;
          next = cx + 1;
        }
      while (bits != 0);
    }
  /* The path goes on past the right border. */
  if (run != 0)
    fill_run (row, next, self->width, pixel, to_coverage (run * 2 * ONE, rule));
}

/* ------------------------------------------------------------------ */
/* Filling                                                              */
/* ------------------------------------------------------------------ */

/* Sorts the edges by the row they start in (a counting sort). */
static inline int
first_row_of (const LmRasterizer *self,
              const Edge         *edge)
{
  return MAX (edge->y0 >> FRAC_BITS, self->first_row) - self->first_row;
}

static void
sort_edges (LmRasterizer *self)
{
  guint *starts = self->row_starts;
  int height = self->end_row - self->first_row;

  if (self->order_size < self->n_edges)
    {
      g_free (self->order);
      g_free (self->active);
      self->order_size = MAX (self->n_edges, self->order_size * 2);
      self->order = g_new (guint, self->order_size);
      self->active = g_new (guint, self->order_size);
    }
  memset (starts, 0, sizeof (guint) * (height + 1));
  for (guint e = 0; e < self->n_edges; e++)
    starts[first_row_of (self, &self->edges[e])]++;
  for (int r = 0, sum = 0; r <= height; r++)
    {
      guint count = starts[r];

      starts[r] = sum;
      sum += count;
    }
  for (guint e = 0; e < self->n_edges; e++)
    self->order[starts[first_row_of (self, &self->edges[e])]++] = e;
}

void
lm_rasterizer_fill (LmRasterizer     *self,
                    guint8           *data,
                    int               stride,
                    guint32           pixel,
                    LmRasterFillRule  rule)
{
  guint n_active = 0;
  guint next_edge = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (self->width > 0);

  if (self->have_point)
    add_edge (self, self->cur_x, self->cur_y, self->start_x, self->start_y);
  self->have_point = FALSE;
  if (self->n_edges == 0 || (pixel >> 24) == 0)
    {
      self->n_edges = 0;
      return;
    }

  sort_edges (self);
  for (int r = self->first_row;
       r < self->end_row && (n_active > 0 || next_edge < self->n_edges);
       r++)
    {
      gint32 top, bottom;
      guint kept = 0;

      /* Rows no edge crosses are skipped whole. */
      if (n_active == 0)
        r = self->first_row + MAX (r - self->first_row,
                                   first_row_of (self, &self->edges[self->order[next_edge]]));
      top = r << FRAC_BITS;
      bottom = top + ONE;
      while (next_edge < self->n_edges &&
             self->edges[self->order[next_edge]].y0 < bottom)
        self->active[n_active++] = self->order[next_edge++];

      for (guint i = 0; i < n_active; i++)
        {
          const Edge *edge = &self->edges[self->active[i]];
          gint32 ya = MAX (edge->y0, top);
          gint32 yb = MIN (edge->y1, bottom);

          if (ya < yb)
            render_span (self, edge_x_at (edge, ya), ya, edge_x_at (edge, yb), yb, edge->dir);
          if (edge->y1 > bottom)
            self->active[kept++] = self->active[i];
        }
      n_active = kept;
      sweep_row (self, (guint32 *) (data + (gsize) (r - self->first_row) * stride), pixel, rule);
    }
  self->n_edges = 0;
}
