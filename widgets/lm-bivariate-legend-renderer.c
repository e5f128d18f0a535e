/* lm-bivariate-legend-renderer.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "lm-bivariate-legend-renderer.h"
#include "lm-level.h"
#include "lm-text.h"

struct _LmBivariateLegendRenderer
{
  /* Content */
  const LmVariable   *x;          /* borrowed until the next set_classes */
  const LmVariable   *y;
  LmBivariateClasses  classes;
  LmColor             colors[LM_BIVARIATE_CELLS];
  gboolean            has_classes;
  char               *title;
  char               *subtitle;

  /* Look */
  char               *family;
  double              font_size;
  LmColor             foreground;
  double              max_width;

  /* Layout of the last measure or draw, relative to the origin */
  double              width;
  double              height;
  double              grid_x;
  double              grid_y;
  double              cell_w;
  double              cell_h;
};

LmBivariateLegendRenderer *
lm_bivariate_legend_renderer_new (void)
{
  LmBivariateLegendRenderer *self = g_new0 (LmBivariateLegendRenderer, 1);
  LmColor fg = { 0.1, 0.1, 0.1, 1 };

  self->family = g_strdup ("Sans");
  self->font_size = 13;
  self->foreground = fg;
  return self;
}

void
lm_bivariate_legend_renderer_free (LmBivariateLegendRenderer *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->family);
  g_free (self);
}

void
lm_bivariate_legend_renderer_set_classes (LmBivariateLegendRenderer *self,
                                          const LmVariable          *x,
                                          const LmVariable          *y,
                                          const LmBivariateClasses  *classes,
                                          const LmColor             *colors)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (x != NULL && y != NULL && classes != NULL && colors != NULL);

  self->x = x;
  self->y = y;
  self->classes = *classes;
  memcpy (self->colors, colors, sizeof self->colors);
  self->has_classes = TRUE;
}

void
lm_bivariate_legend_renderer_set_title (LmBivariateLegendRenderer *self,
                                        const char                *title,
                                        const char                *subtitle)
{
  g_return_if_fail (self != NULL);

  g_free (self->title);
  g_free (self->subtitle);
  self->title = g_strdup (title);
  self->subtitle = g_strdup (subtitle);
}

void
lm_bivariate_legend_renderer_set_font (LmBivariateLegendRenderer *self,
                                       const char                *family,
                                       double                     size)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (size > 0);

  g_free (self->family);
  self->family = g_strdup (family != NULL ? family : "Sans");
  self->font_size = size;
}

void
lm_bivariate_legend_renderer_set_foreground (LmBivariateLegendRenderer *self,
                                             const LmColor             *color)
{
  g_return_if_fail (self != NULL && color != NULL);
  self->foreground = *color;
}

void
lm_bivariate_legend_renderer_set_max_width (LmBivariateLegendRenderer *self,
                                            double                     max_width)
{
  g_return_if_fail (self != NULL);
  self->max_width = MAX (max_width, 0);
}

/* ------------------------------------------------------------------ */
/* Layout and drawing: one function, so measure and draw agree          */
/* ------------------------------------------------------------------ */

typedef struct
{
  PangoLayout *title;
  PangoLayout *subtitle;
  PangoLayout *x_title;
  PangoLayout *y_title;
  PangoLayout *x_labels[LM_BIVARIATE_SIDE];
  PangoLayout *y_labels[LM_BIVARIATE_SIDE];
  PangoLayout *counts[LM_BIVARIATE_CELLS];
  PangoLayout *missing;
} Texts;

static PangoLayout *
make_layout (LmBivariateLegendRenderer *self,
             cairo_t                   *cr,
             const char                *text,
             double                     scale,
             gboolean                   bold,
             double                     wrap)
{
  return lm_text_layout_new (cr, self->family, self->font_size * scale, bold, wrap, text);
}

static double
width_of (PangoLayout *layout)
{
  double w = 0;

  if (layout != NULL)
    lm_text_layout_get_size (layout, &w, NULL);
  return w;
}

static double
height_of (PangoLayout *layout)
{
  double h = 0;

  if (layout != NULL)
    lm_text_layout_get_size (layout, NULL, &h);
  return h;
}

static void
texts_clear (Texts *texts)
{
  g_clear_object (&texts->title);
  g_clear_object (&texts->subtitle);
  g_clear_object (&texts->x_title);
  g_clear_object (&texts->y_title);
  g_clear_object (&texts->missing);
  for (guint k = 0; k < LM_BIVARIATE_SIDE; k++)
    {
      g_clear_object (&texts->x_labels[k]);
      g_clear_object (&texts->y_labels[k]);
    }
  for (guint c = 0; c < LM_BIVARIATE_CELLS; c++)
    g_clear_object (&texts->counts[c]);
}

static void
make_texts (LmBivariateLegendRenderer *self,
            cairo_t                   *cr,
            Texts                     *texts)
{
  double wrap = self->max_width > 0 ? self->max_width : self->font_size * 22;
  g_autofree char *title = NULL;
  g_autofree char *x_title = g_strdup_printf ("%s →", self->x->title);
  g_autofree char *y_title = g_strdup_printf ("%s →", self->y->title);

  /* Translators: the title of a bivariate map, "IMD decile and CNI score" */
  title = self->title != NULL ? g_strdup (self->title)
                              : g_strdup_printf (_("%s and %s"), self->x->title, self->y->title);
  texts->title = make_layout (self, cr, title, 1.1, TRUE, wrap);
  if (self->subtitle != NULL)
    texts->subtitle = make_layout (self, cr, self->subtitle, 0.85, FALSE, wrap);
  for (guint k = 0; k < LM_BIVARIATE_SIDE; k++)
    {
      g_autofree char *x_label = lm_bivariate_describe_class (self->x, &self->classes.x, k);
      g_autofree char *y_label = lm_bivariate_describe_class (self->y, &self->classes.y, k);

      texts->x_labels[k] = make_layout (self, cr, x_label, 0.85, FALSE, 0);
      texts->y_labels[k] = make_layout (self, cr, y_label, 0.85, FALSE, 0);
    }
  for (guint c = 0; c < LM_BIVARIATE_CELLS; c++)
    {
      g_autofree char *count = g_strdup_printf ("%'u", self->classes.count[c]);

      texts->counts[c] = make_layout (self, cr, count, 0.8, FALSE, 0);
    }
  texts->x_title = make_layout (self, cr, x_title, 0.9, TRUE, 0);
  texts->y_title = make_layout (self, cr, y_title, 0.9, TRUE, 0);
  if (self->classes.n_missing > 0)
    {
      /* Translators: under a bivariate key, "Without both values: 12" */
      g_autofree char *missing = g_strdup_printf (_("Without both values: %'u"), self->classes.n_missing);

      texts->missing = make_layout (self, cr, missing, 0.85, FALSE, wrap);
    }
}

static void
set_source (cairo_t       *cr,
            const LmColor *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
show_at (cairo_t     *cr,
         PangoLayout *layout,
         double       x,
         double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_cells (LmBivariateLegendRenderer *self,
            cairo_t                   *cr,
            Texts                     *texts,
            double                     ox,
            double                     oy)
{
  LmColor dark = { 0.1, 0.1, 0.1, 1 }, light = { 1, 1, 1, 1 };

  for (guint cy = 0; cy < LM_BIVARIATE_SIDE; cy++)
    for (guint cx = 0; cx < LM_BIVARIATE_SIDE; cx++)
      {
        guint c = lm_bivariate_cell (cx, cy);
        double x = ox + self->grid_x + cx * self->cell_w;
        double y = oy + self->grid_y + (LM_BIVARIATE_SIDE - 1 - cy) * self->cell_h;

        set_source (cr, &self->colors[c], 1);
        cairo_rectangle (cr, x, y, self->cell_w - 1, self->cell_h - 1);
        cairo_fill (cr);
        /* The count in whichever of dark or white reads on the swatch. */
        set_source (cr, lm_color_get_luminance (&self->colors[c]) > 0.35 ? &dark : &light, 1);
        show_at (cr, texts->counts[c], x + (self->cell_w - 1 - width_of (texts->counts[c])) / 2,
                 y + (self->cell_h - 1 - height_of (texts->counts[c])) / 2);
      }
}

static void
layout_and_draw (LmBivariateLegendRenderer *self,
                 cairo_t                   *cr,
                 gboolean                   draw,
                 double                     ox,
                 double                     oy)
{
  double f = self->font_size, label_w = 0, title_h, y_title_w, under, width;
  Texts texts = { 0 };

  make_texts (self, cr, &texts);
  self->cell_w = 2.8 * f;
  for (guint k = 0; k < LM_BIVARIATE_SIDE; k++)
    {
      self->cell_w = MAX (self->cell_w, width_of (texts.x_labels[k]) + 0.6 * f);
      label_w = MAX (label_w, width_of (texts.y_labels[k]));
    }
  for (guint c = 0; c < LM_BIVARIATE_CELLS; c++)
    self->cell_w = MAX (self->cell_w, width_of (texts.counts[c]) + 0.6 * f);
  self->cell_h = 2.0 * f;
  /* The y title turns a quarter to read upwards, wrapped to the grid. */
  pango_layout_set_width (texts.y_title, (int) (LM_BIVARIATE_SIDE * self->cell_h * PANGO_SCALE));
  pango_layout_set_wrap (texts.y_title, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (texts.y_title, PANGO_ALIGN_CENTER);
  pango_layout_set_width (texts.x_title, (int) (LM_BIVARIATE_SIDE * self->cell_w * PANGO_SCALE));
  pango_layout_set_wrap (texts.x_title, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (texts.x_title, PANGO_ALIGN_CENTER);
  y_title_w = height_of (texts.y_title);

  title_h = height_of (texts.title) + (texts.subtitle != NULL ? 0.15 * f + height_of (texts.subtitle) : 0);
  self->grid_x = y_title_w + 0.4 * f + label_w + 0.4 * f;
  self->grid_y = title_h + 0.7 * f;
  under = self->grid_y + LM_BIVARIATE_SIDE * self->cell_h + 0.2 * f;
  width = MAX (self->grid_x + LM_BIVARIATE_SIDE * self->cell_w,
               MAX (width_of (texts.title), width_of (texts.subtitle)));
  self->width = MAX (width, width_of (texts.missing));
  self->height = under + height_of (texts.x_labels[0]) + 0.2 * f + height_of (texts.x_title) +
                 (texts.missing != NULL ? 0.4 * f + height_of (texts.missing) : 0);

  if (draw)
    {
      set_source (cr, &self->foreground, 1);
      show_at (cr, texts.title, ox, oy);
      if (texts.subtitle != NULL)
        {
          set_source (cr, &self->foreground, 0.7);
          show_at (cr, texts.subtitle, ox, oy + height_of (texts.title) + 0.15 * f);
        }
      draw_cells (self, cr, &texts, ox, oy);
      set_source (cr, &self->foreground, 1);
      for (guint k = 0; k < LM_BIVARIATE_SIDE; k++)
        {
          double row_y = oy + self->grid_y + (LM_BIVARIATE_SIDE - 1 - k) * self->cell_h;
          double column_x = ox + self->grid_x + k * self->cell_w;

          show_at (cr, texts.y_labels[k], ox + self->grid_x - 0.4 * f - width_of (texts.y_labels[k]),
                   row_y + (self->cell_h - height_of (texts.y_labels[k])) / 2);
          show_at (cr, texts.x_labels[k], column_x + (self->cell_w - width_of (texts.x_labels[k])) / 2,
                   oy + under);
        }
      show_at (cr, texts.x_title, ox + self->grid_x,
               oy + under + height_of (texts.x_labels[0]) + 0.2 * f);
      cairo_save (cr);
      cairo_translate (cr, ox, oy + self->grid_y + LM_BIVARIATE_SIDE * self->cell_h);
      cairo_rotate (cr, -G_PI / 2);
      show_at (cr, texts.y_title, 0, 0);
      cairo_restore (cr);
      if (texts.missing != NULL)
        {
          set_source (cr, &self->foreground, 0.7);
          show_at (cr, texts.missing, ox, oy + self->height - height_of (texts.missing));
        }
    }
  texts_clear (&texts);
}

/* A context for measuring when the caller has none: raster, 1:1. */
static void
with_context (LmBivariateLegendRenderer *self,
              cairo_t                   *cr,
              gboolean                   draw,
              double                     x,
              double                     y)
{
  cairo_surface_t *surface = NULL;

  if (cr == NULL)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cr = cairo_create (surface);
    }
  else
    cairo_reference (cr);
  layout_and_draw (self, cr, draw, x, y);
  cairo_destroy (cr);
  if (surface != NULL)
    cairo_surface_destroy (surface);
}

void
lm_bivariate_legend_renderer_measure (LmBivariateLegendRenderer *self,
                                      cairo_t                   *cr,
                                      double                    *out_width,
                                      double                    *out_height)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->has_classes);

  with_context (self, cr, FALSE, 0, 0);
  if (out_width != NULL)
    *out_width = self->width;
  if (out_height != NULL)
    *out_height = self->height;
}

void
lm_bivariate_legend_renderer_draw (LmBivariateLegendRenderer *self,
                                   cairo_t                   *cr,
                                   double                     x,
                                   double                     y)
{
  g_return_if_fail (self != NULL && cr != NULL);
  g_return_if_fail (self->has_classes);

  with_context (self, cr, TRUE, x, y);
}

gboolean
lm_bivariate_legend_renderer_get_cell_rect (LmBivariateLegendRenderer *self,
                                            guint                      cell,
                                            double                    *out_x,
                                            double                    *out_y,
                                            double                    *out_width,
                                            double                    *out_height)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (cell >= LM_BIVARIATE_CELLS || self->cell_w <= 0)
    return FALSE;
  *out_x = self->grid_x + (cell % LM_BIVARIATE_SIDE) * self->cell_w;
  *out_y = self->grid_y + (LM_BIVARIATE_SIDE - 1 - cell / LM_BIVARIATE_SIDE) * self->cell_h;
  *out_width = self->cell_w;
  *out_height = self->cell_h;
  return TRUE;
}

int
lm_bivariate_legend_renderer_hit_test (LmBivariateLegendRenderer *self,
                                       double                     x,
                                       double                     y)
{
  int cx, row;

  g_return_val_if_fail (self != NULL, -1);

  if (self->cell_w <= 0 || x < self->grid_x || y < self->grid_y)
    return -1;
  cx = (int) ((x - self->grid_x) / self->cell_w);
  row = (int) ((y - self->grid_y) / self->cell_h);
  if (cx >= LM_BIVARIATE_SIDE || row >= LM_BIVARIATE_SIDE)
    return -1;
  return (int) lm_bivariate_cell ((guint) cx, (guint) (LM_BIVARIATE_SIDE - 1 - row));
}

char *
lm_bivariate_legend_renderer_describe_cell (LmBivariateLegendRenderer *self,
                                            guint                      cell)
{
  g_autofree char *x_class = NULL;
  g_autofree char *y_class = NULL;
  guint count;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->has_classes && cell < LM_BIVARIATE_CELLS, NULL);

  x_class = lm_bivariate_describe_class (self->x, &self->classes.x, cell % LM_BIVARIATE_SIDE);
  y_class = lm_bivariate_describe_class (self->y, &self->classes.y, cell / LM_BIVARIATE_SIDE);
  count = self->classes.count[cell];
  /* Translators: "IMD decile up to 1 and CNI score above 34.2: 120 wards" */
  return g_strdup_printf (_("%s %s and %s %s: %u %s"), self->x->title, x_class, self->y->title,
                          y_class, count,
                          count == 1 ? lm_level_get_singular (self->x->level)
                                     : lm_level_get_plural (self->x->level));
}
