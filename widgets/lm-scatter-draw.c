/* lm-scatter-draw.c — scatter plots: drawing and the exported figure
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "lm-export.h"
#include "lm-rank.h"
#include "lm-scatter-renderer-private.h"
#include "lm-text.h"

/* ------------------------------------------------------------------ */
/* Drawing                                                            */
/* ------------------------------------------------------------------ */

static void
draw_grid_and_cutoffs (LmScatterRenderer *self,
                       cairo_t           *cr)
{
  const Theme *t = &self->theme;
  double s = self->scale;
  const Axis *ax = &self->axes[0];
  const Axis *ay = &self->axes[1];
  double px, py;

  cairo_save (cr);
  cairo_set_line_width (cr, 1 * s);
  _lm_scatter_set_color (cr, &t->grid, 1);
  for (guint i = 0; i < ax->n_ticks; i++)
    {
      _lm_scatter_norm_to_pixel (self, (double) i / (ax->n_ticks - 1), 0, &px, &py);
      cairo_move_to (cr, round (px) + 0.5, self->plot_y);
      cairo_line_to (cr, round (px) + 0.5, self->plot_y + self->plot_h);
    }
  for (guint i = 0; i < ay->n_ticks; i++)
    {
      _lm_scatter_norm_to_pixel (self, 0, (double) i / (ay->n_ticks - 1), &px, &py);
      cairo_move_to (cr, self->plot_x, round (py) + 0.5);
      cairo_line_to (cr, self->plot_x + self->plot_w, round (py) + 0.5);
    }
  cairo_stroke (cr);

  if (self->show_cutoffs)
    {
      double cx = NAN, cy = NAN;
      double dashes[] = { 6 * s, 4 * s };

      cairo_rectangle (cr, self->plot_x, self->plot_y, self->plot_w, self->plot_h);
      cairo_clip (cr);
      if (isfinite (self->x_cut))
        lm_scatter_renderer_data_to_pixel (self, self->x_cut, ay->lo, &cx, NULL);
      if (isfinite (self->y_cut))
        lm_scatter_renderer_data_to_pixel (self, ax->lo, self->y_cut, NULL, &cy);

      if (isfinite (cx) && isfinite (cy))
        {
          /* Beyond both: the worse side of each cut-off. */
          gboolean right = lm_variable_higher_is_worse (self->x);
          gboolean up = lm_variable_higher_is_worse (self->y);
          double x0 = right ? cx : self->plot_x;
          double x1 = right ? self->plot_x + self->plot_w : cx;
          double y0 = up ? self->plot_y : cy;
          double y1 = up ? cy : self->plot_y + self->plot_h;

          _lm_scatter_set_color (cr, &t->shade, 1);
          cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
          cairo_fill (cr);
        }
      _lm_scatter_set_color (cr, &t->cutoff, 1);
      cairo_set_line_width (cr, 1.5 * s);
      cairo_set_dash (cr, dashes, 2, 0);
      if (isfinite (cx))
        {
          cairo_move_to (cr, cx, self->plot_y);
          cairo_line_to (cr, cx, self->plot_y + self->plot_h);
        }
      if (isfinite (cy))
        {
          cairo_move_to (cr, self->plot_x, cy);
          cairo_line_to (cr, self->plot_x + self->plot_w, cy);
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static double
point_alpha (LmScatterRenderer *self,
             guint              category)
{
  /* Left-behind points are the few that matter: keep them strong. */
  if (self->colour_by == LM_SCATTER_COLOUR_LEFT_BEHIND && self->n_categories > 1 && category > 0)
    return MAX (self->alpha, 0.8);
  return self->alpha;
}

/* One point as a path: fill, then the paper-coloured outline that
 * separates neighbours when there are few points. */
static void
paint_point (LmScatterRenderer *self,
             cairo_t           *cr,
             double             px,
             double             py,
             double             r,
             guint              category,
             gboolean           outline)
{
  cairo_new_path (cr);
  cairo_arc (cr, px, py, r, 0, 2 * G_PI);
  _lm_scatter_set_color (cr, &self->colors[category], point_alpha (self, category));
  if (outline)
    {
      cairo_fill_preserve (cr);
      _lm_scatter_set_color (cr, &self->theme.paper, 0.9);
      cairo_stroke (cr);
    }
  else
    {
      cairo_fill (cr);
    }
}

static gboolean
target_is_vector (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The 90% interval variables of an axis showing an index's rank. */
static gboolean
find_interval (LmScatterRenderer *self,
               const LmVariable  *axis,
               LmVariable       **out_low,
               LmVariable       **out_high)
{
  const char *dot = strrchr (axis->id, '.');
  g_autofree char *prefix = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;

  if (dot == NULL || (strcmp (dot, ".rank") != 0 && strcmp (dot, ".rank_median") != 0))
    return FALSE;
  prefix = g_strndup (axis->id, dot - axis->id);
  low = g_strconcat (prefix, ".rank_p05", NULL);
  high = g_strconcat (prefix, ".rank_p95", NULL);
  *out_low = lm_level_find_variable (self->level, low);
  *out_high = lm_level_find_variable (self->level, high);
  return *out_low != NULL && *out_high != NULL;
}

/* Error bars: a faint line over each point's 90% rank interval, under
 * the points. */
static void
draw_intervals (LmScatterRenderer *self,
                cairo_t           *cr)
{
  for (guint k = 0; k < 2 && self->show_intervals; k++)
    {
      const Axis *axis = &self->axes[k];
      LmVariable *low, *high;

      if (!find_interval (self, k == 0 ? self->x : self->y, &low, &high))
        continue;
      cairo_save (cr);
      cairo_rectangle (cr, self->plot_x, self->plot_y, self->plot_w, self->plot_h);
      cairo_clip (cr);
      cairo_set_line_width (cr, MAX (0.6, 0.8 * self->scale));
      _lm_scatter_set_color (cr, &self->theme.ink, MIN (0.6, self->alpha));
      for (guint p = 0; p < self->n_points; p++)
        {
          guint a = self->area[p];
          double lo = (low->values[a] - axis->lo) / (axis->hi - axis->lo);
          double hi = (high->values[a] - axis->lo) / (axis->hi - axis->lo);
          double x0, y0, x1, y1;

          if (isnan (lo) || isnan (hi))
            continue;
          if (k == 0)
            {
              _lm_scatter_norm_to_pixel (self, lo, self->ny[p], &x0, &y0);
              _lm_scatter_norm_to_pixel (self, hi, self->ny[p], &x1, &y1);
            }
          else
            {
              _lm_scatter_norm_to_pixel (self, self->nx[p], lo, &x0, &y0);
              _lm_scatter_norm_to_pixel (self, self->nx[p], hi, &x1, &y1);
            }
          cairo_move_to (cr, x0, y0);
          cairo_line_to (cr, x1, y1);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

static void
draw_points (LmScatterRenderer *self,
             cairo_t           *cr)
{
  double s = self->scale;
  double r = self->radius * s;
  gboolean outline = self->n_points < 1000;
  /* Left-behind points last, so the few are not buried by the many. */
  guint n_passes = self->colour_by == LM_SCATTER_COLOUR_LEFT_BEHIND ? self->n_categories : 1;
  cairo_surface_t *sprites[MAX_CATEGORIES + 1] = { NULL };
  double device = 1, half = 0;

  cairo_save (cr);
  cairo_rectangle (cr, self->plot_x - r, self->plot_y - r,
                   self->plot_w + 2 * r, self->plot_h + 2 * r);
  cairo_clip (cr);
  cairo_set_line_width (cr, 0.75 * s);

  /* On raster targets each point is a stamp of a pre-drawn disc at a
   * whole device pixel: 7,000 small composites cost a few milliseconds
   * where as many arcs cost a frame. SVG and PDF keep true circles. */
  if (!target_is_vector (cr))
    {
      double dy = 1;
      int size;

      cairo_user_to_device_distance (cr, &device, &dy);
      device = fabs (device);
      if (!(device > 0))
        device = 1;
      size = (int) ceil ((2 * r + 2 * s) * device) + 2;
      half = size / 2.0 / device;
      for (guint k = 0; k < self->n_categories; k++)
        {
          cairo_t *sprite_cr;

          sprites[k] = cairo_surface_create_similar_image (cairo_get_target (cr),
                                                           CAIRO_FORMAT_ARGB32, size, size);
          cairo_surface_set_device_scale (sprites[k], device, device);
          sprite_cr = cairo_create (sprites[k]);
          cairo_set_line_width (sprite_cr, 0.75 * s);
          paint_point (self, sprite_cr, half, half, r, k, outline);
          cairo_destroy (sprite_cr);
        }
    }

  for (guint pass = 0; pass < n_passes; pass++)
    for (guint p = 0; p < self->n_points; p++)
      {
        guint category = self->category[p];
        double px, py;

        if (n_passes > 1 && category != pass)
          continue;
        _lm_scatter_norm_to_pixel (self, self->nx[p], self->ny[p], &px, &py);
        if (sprites[category] != NULL)
          {
            /* Overlapping translucent stamps darken, which is what shows
             * the density of 7,000 wards. */
            double x = round ((px - half) * device) / device;
            double y = round ((py - half) * device) / device;

            cairo_set_source_surface (cr, sprites[category], x, y);
            cairo_rectangle (cr, x, y, 2 * half, 2 * half);
            cairo_fill (cr);
          }
        else
          {
            paint_point (self, cr, px, py, r, category, outline);
          }
      }

  for (guint k = 0; k < G_N_ELEMENTS (sprites); k++)
    g_clear_pointer (&sprites[k], cairo_surface_destroy);
  cairo_restore (cr);
}

static void
draw_fit (LmScatterRenderer *self,
          cairo_t           *cr)
{
  double s = self->scale;
  double x0, y0, x1, y1;

  if (!lm_scatter_renderer_get_fit_segment (self, &x0, &y0, &x1, &y1))
    return;
  cairo_save (cr);
  cairo_rectangle (cr, self->plot_x, self->plot_y, self->plot_w, self->plot_h);
  cairo_clip (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  /* A paper-coloured casing keeps the line readable over dense points. */
  _lm_scatter_set_color (cr, &self->theme.paper, 0.85);
  cairo_set_line_width (cr, 5 * s);
  cairo_stroke_preserve (cr);
  _lm_scatter_set_color (cr, &self->theme.ink, 1);
  cairo_set_line_width (cr, 2 * s);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_axes (LmScatterRenderer *self,
           cairo_t           *cr)
{
  const Theme *t = &self->theme;
  double s = self->scale;
  const Axis *ax = &self->axes[0];
  const Axis *ay = &self->axes[1];
  double bottom = self->plot_y + self->plot_h;
  double x_label_bottom = 0;
  double y_label_left = self->plot_x;
  double last_right = -INFINITY;
  double px, py;

  cairo_save (cr);
  _lm_scatter_set_color (cr, &t->axis, 1);
  cairo_set_line_width (cr, 1 * s);
  cairo_move_to (cr, self->plot_x - 0.5 * s, self->plot_y);
  cairo_line_to (cr, self->plot_x - 0.5 * s, bottom + 0.5 * s);
  cairo_line_to (cr, self->plot_x + self->plot_w, bottom + 0.5 * s);
  for (guint i = 0; i < ax->n_ticks; i++)
    {
      _lm_scatter_norm_to_pixel (self, (double) i / (ax->n_ticks - 1), 0, &px, &py);
      cairo_move_to (cr, round (px) + 0.5, bottom);
      cairo_line_to (cr, round (px) + 0.5, bottom + TICK_LENGTH * s);
    }
  for (guint i = 0; i < ay->n_ticks; i++)
    {
      _lm_scatter_norm_to_pixel (self, 0, (double) i / (ay->n_ticks - 1), &px, &py);
      cairo_move_to (cr, self->plot_x, round (py) + 0.5);
      cairo_line_to (cr, self->plot_x - TICK_LENGTH * s, round (py) + 0.5);
    }
  cairo_stroke (cr);

  _lm_scatter_set_color (cr, &t->ink, 1);
  for (guint i = 0; i < ax->n_ticks; i++)
    {
      g_autofree char *label = _lm_scatter_format_tick (self->x, _lm_scatter_axis_tick (ax, i), ax->decimals);
      g_autoptr(PangoLayout) layout = _lm_scatter_create_layout (self, label, FONT_TICK, PANGO_WEIGHT_NORMAL);
      double w, h;

      lm_text_layout_get_size (layout, &w, &h);
      _lm_scatter_norm_to_pixel (self, (double) i / (ax->n_ticks - 1), 0, &px, &py);
      /* Skip labels that would touch the previous one (narrow plots). */
      if (px - w / 2 < last_right + GAP * s)
        continue;
      _lm_scatter_show_layout (cr, layout, px, bottom + (TICK_LENGTH + GAP) * s, 0.5, 0);
      last_right = px + w / 2;
      x_label_bottom = MAX (x_label_bottom, bottom + (TICK_LENGTH + GAP) * s + h);
    }
  for (guint i = 0; i < ay->n_ticks; i++)
    {
      g_autofree char *label = _lm_scatter_format_tick (self->y, _lm_scatter_axis_tick (ay, i), ay->decimals);
      g_autoptr(PangoLayout) layout = _lm_scatter_create_layout (self, label, FONT_TICK, PANGO_WEIGHT_NORMAL);
      double w;

      lm_text_layout_get_size (layout, &w, NULL);
      _lm_scatter_norm_to_pixel (self, 0, (double) i / (ay->n_ticks - 1), &px, &py);
      _lm_scatter_show_layout (cr, layout, self->plot_x - (TICK_LENGTH + GAP) * s, py, 1, 0.5);
      y_label_left = MIN (y_label_left, self->plot_x - (TICK_LENGTH + GAP) * s - w);
    }

  if (self->x != NULL)
    {
      g_autofree char *title = lm_scatter_get_axis_title (self->x);

      _lm_scatter_show_text (self, cr, title, FONT_TITLE, PANGO_WEIGHT_NORMAL,
                 self->plot_x + self->plot_w / 2, x_label_bottom + 2 * GAP * s, 0.5, 0);
    }
  if (self->y != NULL)
    {
      g_autofree char *title = lm_scatter_get_axis_title (self->y);

      cairo_save (cr);
      cairo_translate (cr, y_label_left - 2 * GAP * s, self->plot_y + self->plot_h / 2);
      cairo_rotate (cr, -G_PI / 2);
      _lm_scatter_show_text (self, cr, title, FONT_TITLE, PANGO_WEIGHT_NORMAL, 0, 0, 0.5, 1);
      cairo_restore (cr);
    }
  cairo_restore (cr);
}

static void
draw_swatch (LmScatterRenderer *self,
             cairo_t           *cr,
             const KeyEntry    *entry,
             double             x,
             double             cy)
{
  double s = self->scale;
  double w = SWATCH * s;

  cairo_save (cr);
  switch (entry->kind)
    {
    case KEY_POINT:
      cairo_arc (cr, x + w / 2, cy, MAX (self->radius, 3.5) * s, 0, 2 * G_PI);
      _lm_scatter_set_color (cr, &entry->color, MAX (self->alpha, 0.7));
      cairo_fill (cr);
      break;
    case KEY_LINE:
      cairo_move_to (cr, x, cy);
      cairo_line_to (cr, x + w, cy);
      _lm_scatter_set_color (cr, &entry->color, 1);
      cairo_set_line_width (cr, 2 * s);
      cairo_stroke (cr);
      break;
    case KEY_DASH:
      {
        double dashes[] = { 4 * s, 3 * s };

        cairo_move_to (cr, x, cy);
        cairo_line_to (cr, x + w, cy);
        _lm_scatter_set_color (cr, &entry->color, 1);
        cairo_set_line_width (cr, 1.5 * s);
        cairo_set_dash (cr, dashes, 2, 0);
        cairo_stroke (cr);
      }
      break;
    case KEY_HEADER:
      break;
    case KEY_AREA:
    default:
      cairo_rectangle (cr, x, cy - w * 0.35, w, w * 0.7);
      _lm_scatter_set_color (cr, &entry->color, 1);
      cairo_fill_preserve (cr);
      _lm_scatter_set_color (cr, &self->theme.cutoff, 0.5);
      cairo_set_line_width (cr, 1 * s);
      cairo_stroke (cr);
      break;
    }
  cairo_restore (cr);
}

static void
draw_panel (LmScatterRenderer *self,
            cairo_t           *cr)
{
  const Theme *t = &self->theme;
  double s = self->scale;
  double y;

  cairo_save (cr);
  cairo_rectangle (cr, round (self->panel_x) + 0.5, round (self->panel_y) + 0.5,
                   round (self->box_w), round (self->box_h));
  _lm_scatter_set_color (cr, &t->box, 1);
  cairo_fill_preserve (cr);
  _lm_scatter_set_color (cr, &t->box_border, 1);
  cairo_set_line_width (cr, 1 * s);
  cairo_stroke (cr);

  y = self->panel_y + PAD * s;
  for (guint i = 0; self->stats_lines[i] != NULL; i++)
    {
      PangoWeight weight = i == 0 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
      g_autoptr(PangoLayout) layout = NULL;
      double h;

      layout = _lm_scatter_create_wrapped_layout (self, self->stats_lines[i], FONT_STATS, weight,
                                                  self->stats_wrap);
      lm_text_layout_get_size (layout, NULL, &h);
      _lm_scatter_set_color (cr, &t->ink, 1);
      _lm_scatter_show_layout (cr, layout, self->panel_x + PAD * s, y, 0, 0);
      y += h + (i == 0 ? 3 * s : 0);
    }

  y = self->key_y;
  for (guint i = 0; i < self->key->len; i++)
    {
      const KeyEntry *entry = g_ptr_array_index (self->key, i);
      gboolean header = entry->kind == KEY_HEADER;
      PangoWeight weight = header ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
      g_autoptr(PangoLayout) layout =
        _lm_scatter_create_wrapped_layout (self, entry->label, FONT_KEY, weight,
                                           header && self->key_wrap > 0
                                           ? self->key_wrap + (SWATCH + GAP * 1.5) * s
                                           : self->key_wrap);
      double text_x = self->key_x + (header ? 0 : (SWATCH + GAP * 1.5) * s);
      double h, row;

      lm_text_layout_get_size (layout, NULL, &h);
      row = MAX (h, SWATCH * s * 0.7);
      if (!header)
        draw_swatch (self, cr, entry, self->key_x, y + row / 2);
      _lm_scatter_set_color (cr, &t->ink, 1);
      _lm_scatter_show_layout (cr, layout, text_x, y + row / 2, 0, 0.5);
      y += row + 2 * s;
    }
  cairo_restore (cr);
}

/**
 * lm_scatter_renderer_draw:
 * @self: a renderer
 * @cr: the target
 * @width: width of the output in @cr's user units
 * @height: height of the output
 *
 * Draws the plot without selection or hover (see draw_overlay).
 */
void
lm_scatter_renderer_draw (LmScatterRenderer *self,
                          cairo_t           *cr,
                          double             width,
                          double             height)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  lm_scatter_renderer_set_size (self, width, height);
  _lm_scatter_ensure_layout (self);
  pango_cairo_update_context (cr, self->pango);

  cairo_save (cr);
  _lm_scatter_set_color (cr, &self->theme.paper, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  draw_grid_and_cutoffs (self, cr);
  draw_intervals (self, cr);
  draw_points (self, cr);
  draw_fit (self, cr);
  draw_axes (self, cr);
  draw_panel (self, cr);
  cairo_restore (cr);
}

static gboolean
overlaps_any (const cairo_rectangle_t *rect,
              const cairo_rectangle_t *placed,
              guint                    n_placed)
{
  for (guint i = 0; i < n_placed; i++)
    if (rect->x < placed[i].x + placed[i].width && placed[i].x < rect->x + rect->width &&
        rect->y < placed[i].y + placed[i].height && placed[i].y < rect->y + rect->height)
      return TRUE;
  return FALSE;
}

gboolean
_lm_scatter_place_label (LmScatterRenderer       *self,
                         double                   width,
                         double                   height,
                         double                   px,
                         double                   py,
                         const cairo_rectangle_t *placed,
                         guint                    n_placed,
                         cairo_rectangle_t       *out_rect)
{
  double s = self->scale;
  cairo_rectangle_t rect;

  if (width > self->plot_w || height > self->plot_h)
    return FALSE;
  rect = (cairo_rectangle_t) { px + (self->radius + 4) * s, py - height / 2, width, height };
  if (rect.x + width > self->plot_x + self->plot_w || overlaps_any (&rect, placed, n_placed))
    rect.x = px - (self->radius + 4) * s - width;
  /* Inside the plot, where nothing cuts it off (issue 13). */
  rect.x = CLAMP (rect.x, self->plot_x, self->plot_x + self->plot_w - width);
  rect.y = CLAMP (rect.y, self->plot_y, self->plot_y + self->plot_h - height);
  if (overlaps_any (&rect, placed, n_placed))
    return FALSE;
  *out_rect = rect;
  return TRUE;
}

/* Labels a point right of it, else left of it, else not at all: a
 * label on top of another helps nobody. @placed (MAX_LABELS entries)
 * collects the labels drawn so far. */
static void
draw_label (LmScatterRenderer *self,
            cairo_t           *cr,
            const char        *text,
            double             px,
            double             py,
            cairo_rectangle_t *placed,
            guint             *n_placed)
{
  double s = self->scale;
  g_autoptr(PangoLayout) layout = _lm_scatter_create_layout (self, text, FONT_LABEL, PANGO_WEIGHT_NORMAL);
  double w, h;
  PangoRectangle logical;
  cairo_rectangle_t rect;

  lm_text_layout_get_size (layout, &w, &h);
  if (!_lm_scatter_place_label (self, w, h, px, py, placed, *n_placed, &rect))
    return;
  g_assert (*n_placed < MAX_LABELS);
  placed[(*n_placed)++] = rect;
  pango_cairo_update_layout (cr, layout);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  cairo_move_to (cr, rect.x - logical.x, rect.y - logical.y);
  pango_cairo_layout_path (cr, layout);
  _lm_scatter_set_color (cr, &self->theme.paper, 0.9);
  cairo_set_line_width (cr, 3 * s);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke_preserve (cr);
  _lm_scatter_set_color (cr, &self->theme.ink, 1);
  cairo_fill (cr);
}

static void
draw_marked_point (LmScatterRenderer *self,
                   cairo_t           *cr,
                   guint              p,
                   double             ring,
                   const LmColor     *ring_color,
                   double             ring_width)
{
  double s = self->scale;
  double r = self->radius * s;
  double px, py;

  _lm_scatter_norm_to_pixel (self, self->nx[p], self->ny[p], &px, &py);
  cairo_new_path (cr);
  cairo_arc (cr, px, py, r + ring, 0, 2 * G_PI);
  _lm_scatter_set_color (cr, &self->theme.paper, 1);
  cairo_set_line_width (cr, ring_width + 2 * s);
  cairo_stroke (cr);
  cairo_arc (cr, px, py, MAX (r, 2.5 * s), 0, 2 * G_PI);
  _lm_scatter_set_color (cr, &self->colors[self->category[p]], 1);
  cairo_fill (cr);
  cairo_arc (cr, px, py, r + ring, 0, 2 * G_PI);
  _lm_scatter_set_color (cr, ring_color, 1);
  cairo_set_line_width (cr, ring_width);
  cairo_stroke (cr);
}

/**
 * lm_scatter_renderer_draw_overlay:
 * @self: a renderer
 * @cr: the target, with the same size as the last draw
 * @selected: (nullable): level->n_areas bytes, non-zero = selected
 * @hover: the hovered area, or -1
 *
 * Draws the selected points at full strength with a ring, their names
 * when there are few, and a larger ring around the hovered point. Cheap
 * enough for every frame.
 */
void
lm_scatter_renderer_draw_overlay (LmScatterRenderer *self,
                                  cairo_t           *cr,
                                  const guint8      *selected,
                                  int                hover)
{
  double s;
  guint n_selected = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  _lm_scatter_ensure_layout (self);
  if (self->level == NULL || self->n_points == 0)
    return;
  s = self->scale;
  pango_cairo_update_context (cr, self->pango);

  cairo_save (cr);
  cairo_rectangle (cr, self->plot_x - 8 * s, self->plot_y - 8 * s,
                   self->plot_w + 16 * s, self->plot_h + 16 * s);
  cairo_clip (cr);
  if (selected != NULL)
    {
      for (guint p = 0; p < self->n_points; p++)
        if (selected[self->area[p]])
          {
            draw_marked_point (self, cr, p, 1.5 * s, &self->theme.selection, 1.5 * s);
            n_selected++;
          }
      if (n_selected > 0 && n_selected <= MAX_LABELS)
        {
          cairo_rectangle_t placed[MAX_LABELS];
          guint n_placed = 0;

          for (guint p = 0; p < self->n_points; p++)
            if (selected[self->area[p]])
              {
                double px, py;

                _lm_scatter_norm_to_pixel (self, self->nx[p], self->ny[p], &px, &py);
                draw_label (self, cr, self->level->names[self->area[p]], px, py,
                            placed, &n_placed);
              }
        }
    }
  if (hover >= 0 && (guint) hover < self->level->n_areas && self->point_of_area[hover] >= 0)
    draw_marked_point (self, cr, (guint) self->point_of_area[hover], 4 * s,
                       &self->theme.hover, 2 * s);
  cairo_restore (cr);
}

/* ------------------------------------------------------------------ */
/* Export                                                             */
/* ------------------------------------------------------------------ */

typedef struct
{
  LmScatterRenderer *renderer;
  const guint8      *selected;
  char              *title;
  char              *subtitle;
  char              *footer;
} Figure;

static void
draw_figure (cairo_t  *cr,
             int       width,
             int       height,
             gpointer  user_data)
{
  Figure *figure = user_data;
  LmScatterRenderer *self = figure->renderer;
  /* Text and marks grow with the figure, from the screen size at about
   * 900 x 650 upwards. */
  double s = CLAMP (MIN (width / 900.0, height / 650.0), 0.75, 4.0);
  double pad = 16 * s;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) subtitle = NULL;
  g_autoptr(PangoLayout) footer = NULL;
  double title_h, subtitle_h, footer_h, top;

  lm_scatter_renderer_set_font (self, self->family, s);
  pango_cairo_update_context (cr, self->pango);

  cairo_save (cr);
  _lm_scatter_set_color (cr, &self->theme.paper, 1);
  cairo_paint (cr);

  title = _lm_scatter_create_layout (self, figure->title, 17, PANGO_WEIGHT_BOLD);
  pango_layout_set_width (title, (int) ((width - 2 * pad) * PANGO_SCALE));
  pango_layout_set_wrap (title, PANGO_WRAP_WORD);
  subtitle = _lm_scatter_create_layout (self, figure->subtitle, 12, PANGO_WEIGHT_NORMAL);
  pango_layout_set_width (subtitle, (int) ((width - 2 * pad) * PANGO_SCALE));
  pango_layout_set_wrap (subtitle, PANGO_WRAP_WORD);
  footer = _lm_scatter_create_layout (self, figure->footer, 9.5, PANGO_WEIGHT_NORMAL);
  pango_layout_set_width (footer, (int) ((width - 2 * pad) * PANGO_SCALE));
  pango_layout_set_wrap (footer, PANGO_WRAP_WORD);
  pango_layout_set_spacing (footer, (int) (1.5 * s * PANGO_SCALE));
  lm_text_layout_get_size (title, NULL, &title_h);
  lm_text_layout_get_size (subtitle, NULL, &subtitle_h);
  lm_text_layout_get_size (footer, NULL, &footer_h);

  _lm_scatter_set_color (cr, &self->theme.ink, 1);
  _lm_scatter_show_layout (cr, title, pad, pad, 0, 0);
  _lm_scatter_set_color (cr, &self->theme.muted, 1);
  _lm_scatter_show_layout (cr, subtitle, pad, pad + title_h + 2 * s, 0, 0);
  _lm_scatter_show_layout (cr, footer, pad, height - pad - footer_h, 0, 0);

  top = pad + title_h + 2 * s + subtitle_h + 6 * s;
  cairo_translate (cr, pad - PAD * s, top);
  lm_scatter_renderer_draw (self, cr, width - 2 * (pad - PAD * s),
                            height - top - pad - footer_h - 6 * s);
  lm_scatter_renderer_draw_overlay (self, cr, figure->selected, -1);
  cairo_restore (cr);
}

/**
 * lm_scatter_get_figure_title:
 * @dataset: the data
 * @level_id: the plot's level
 * @x: its horizontal variable
 * @y: its vertical variable
 *
 * The title of a plot: the dataset's report figure with these axes, or
 * "Y against X".
 *
 * Returns: (transfer full): the title
 */
char *
lm_scatter_get_figure_title (LmDataset        *dataset,
                             const char       *level_id,
                             const LmVariable *x,
                             const LmVariable *y)
{
  for (guint r = 0; r < lm_dataset_get_n_reports (dataset); r++)
    {
      const LmReportPreset *preset = lm_dataset_get_report (dataset, r);

      if (g_strcmp0 (preset->level, level_id) == 0 &&
          g_strcmp0 (preset->x, x->id) == 0 &&
          g_strcmp0 (preset->y, y->id) == 0)
        return g_strdup (preset->title);
    }
  /* Translators: a figure title, "Leave vote 2016 (%) against IMD score" */
  return g_strdup_printf (_("%s against %s"), y->title, x->title);
}

static char *
figure_footer (LmModel *model,
               gboolean weighted)
{
  LmDataset *dataset = lm_model_get_dataset (model);
  const char * const *attributions = lm_dataset_get_attributions (dataset);
  g_autofree char *weights = lm_model_describe_weights (model);
  GString *footer = g_string_new (NULL);

  g_string_append_printf (footer, _("Data: %s."), lm_dataset_get_title (dataset));
  g_string_append_c (footer, ' ');
  if (weights != NULL)
    g_string_append_printf (footer, _("Weights differ from the official ones (%s)."), weights);
  else
    g_string_append (footer, _("Official index weights."));
  g_string_append_c (footer, ' ');
  if (weighted)
    g_string_append (footer, _("Statistics population-weighted (Spearman’s ρ unweighted)."));
  else
    g_string_append (footer, _("Statistics unweighted."));
  g_string_append_c (footer, ' ');
  g_string_append_printf (footer, _("Made with Levelmap %s."), PACKAGE_VERSION);
  for (guint i = 0; attributions != NULL && attributions[i] != NULL; i++)
    {
      g_string_append_c (footer, '\n');
      g_string_append (footer, attributions[i]);
    }
  return g_string_free (footer, FALSE);
}

/**
 * lm_scatter_renderer_new_for_model:
 * @model: the data
 * @level_id: the plot's level
 * @x_id: its horizontal variable
 * @y_id: its vertical variable
 * @error: the model's error for an unknown level or variable
 *
 * A renderer of @y_id against @x_id with what every figure of the
 * model's data shows: the left-behind flags (for colouring by them) and
 * the rule's cut-offs on these axes. The variables are borrowed from the
 * model's dataset.
 *
 * Returns: (transfer full) (nullable): the renderer
 */
LmScatterRenderer *
lm_scatter_renderer_new_for_model (LmModel     *model,
                                   const char  *level_id,
                                   const char  *x_id,
                                   const char  *y_id,
                                   GError     **error)
{
  LmScatterRenderer *renderer;
  LmLeftBehindRule *rule;
  LmVariable *x, *y;
  double x_cut, y_cut;

  g_return_val_if_fail (LM_IS_MODEL (model), NULL);

  x = lm_model_find_variable (model, level_id, x_id, error);
  if (x == NULL)
    return NULL;
  y = lm_model_find_variable (model, level_id, y_id, error);
  if (y == NULL)
    return NULL;
  rule = lm_dataset_get_left_behind_rule (lm_model_get_dataset (model));

  renderer = lm_scatter_renderer_new ();
  lm_scatter_renderer_set_variables (renderer, x->level, x, y);
  if (rule != NULL)
    lm_scatter_renderer_set_left_behind (renderer, rule->flag);
  lm_scatter_find_cutoffs (lm_model_get_dataset (model), x->level, x, y, &x_cut, &y_cut);
  lm_scatter_renderer_set_cutoffs (renderer, x_cut, y_cut);
  return renderer;
}

/**
 * lm_scatter_export:
 * @model: the model (its current weights and selection are used)
 * @options: what to plot and how large
 * @path: the output file; .png, .svg or .pdf
 * @error: return location for a #GError
 *
 * Writes a scatter plot figure. The file is written atomically.
 *
 * Returns: %TRUE on success
 */
gboolean
lm_scatter_export (LmModel                      *model,
                   const LmScatterExportOptions *options,
                   const char                   *path,
                   GError                      **error)
{
  g_autoptr(LmScatterRenderer) renderer = NULL;
  LmDataset *dataset;
  LmVariable *x, *y;
  LmLevel *level;
  int width, height;
  Figure figure = { 0 };
  gboolean ok;

  g_return_val_if_fail (LM_IS_MODEL (model), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->level != NULL && options->x != NULL && options->y != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  renderer = lm_scatter_renderer_new_for_model (model, options->level, options->x, options->y,
                                                 error);
  if (renderer == NULL)
    return FALSE;
  level = lm_scatter_renderer_get_level (renderer);
  x = lm_scatter_renderer_get_x (renderer);
  y = lm_scatter_renderer_get_y (renderer);
  dataset = lm_model_get_dataset (model);
  lm_scatter_renderer_set_weighted (renderer, options->weighted);
  lm_scatter_renderer_set_colour_by (renderer, options->colour_by);
  lm_scatter_renderer_set_show_cutoffs (renderer, options->show_cutoffs);
  lm_scatter_renderer_set_show_intervals (renderer, options->show_intervals);

  width = options->width > 0 ? options->width : 1200;
  height = options->height > 0 ? options->height : 900;

  figure.renderer = renderer;
  if (options->show_selection && !lm_selection_is_empty (lm_model_get_selection (model)))
    figure.selected = lm_selection_get_mask (lm_model_get_selection (model), level);
  figure.title = options->title != NULL ? g_strdup (options->title)
                                        : lm_scatter_get_figure_title (dataset, level->id, x, y);
  /* Translators: under a figure title, "Local authority districts (2019);
   * each point is one area" */
  figure.subtitle = g_strdup_printf (_("%s; each point is one area"), level->title);
  figure.footer = figure_footer (model, options->weighted);

  ok = lm_export_draw_to_file (path, width, height, draw_figure, &figure, error);

  g_free (figure.title);
  g_free (figure.subtitle);
  g_free (figure.footer);
  return ok;
}
