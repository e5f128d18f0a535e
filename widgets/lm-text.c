/* lm-text.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lm-text.h"

void
lm_text_layout_setup (PangoLayout *layout,
                      const char  *family,
                      double       px_size,
                      PangoWeight  weight,
                      const char  *text)
{
  PangoFontDescription *desc = pango_font_description_from_string (family != NULL ? family : "Sans");

  /* Absolute sizes: the figures are laid out in device units, whatever
   * the screen's resolution, so an export looks the same everywhere. */
  pango_font_description_set_absolute_size (desc, px_size * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);
}

PangoLayout *
lm_text_layout_new (cairo_t    *cr,
                    const char *family,
                    double      px_size,
                    gboolean    bold,
                    double      wrap,
                    const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);

  if (wrap > 0)
    {
      pango_layout_set_width (layout, (int) (wrap * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  lm_text_layout_setup (layout, family, px_size, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL, text);
  return layout;
}

void
lm_text_layout_get_size (PangoLayout *layout,
                         double      *out_width,
                         double      *out_height)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  if (out_width)
    *out_width = (double) width / PANGO_SCALE;
  if (out_height)
    *out_height = (double) height / PANGO_SCALE;
}

/* Draws @layout whole on an alpha image of its size, so that no glyph
 * is clipped away before its image is made. */
static void
draw_layout (PangoLayout *layout)
{
  int width, height;
  cairo_surface_t *surface;
  cairo_t *cr;

  pango_layout_get_pixel_size (layout, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, MAX (width, 1), MAX (height, 1));
  cr = cairo_create (surface);
  pango_cairo_show_layout (cr, layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* @size: the base's size in Pango units, unrounded, so that a scaled
 * size is worked out as its owner works it out. */
static void
load_faces (PangoContext               *context,
            const PangoFontDescription *base,
            double                      size,
            const LmTextFace           *faces,
            guint                       n_faces,
            const char                 *text)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_copy (base);
  gboolean absolute = pango_font_description_get_size_is_absolute (base);

  for (guint i = 0; i < n_faces; i++)
    {
      if (absolute)
        pango_font_description_set_absolute_size (desc, size * faces[i].scale);
      else if (size > 0)
        pango_font_description_set_size (desc, (int) (size * faces[i].scale));
      pango_font_description_set_weight (desc, faces[i].weight);
      pango_layout_set_font_description (layout, desc);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_size (layout, NULL, NULL);
      /* Drawn too: the glyphs' images are made once per font (Cairo
       * keeps them with the font), on whatever surface they are drawn. */
      draw_layout (layout);
    }
  pango_font_description_free (desc);
  g_object_unref (layout);
}

void
lm_text_load_faces (PangoContext               *context,
                    const PangoFontDescription *base,
                    const LmTextFace           *faces,
                    guint                       n_faces,
                    const char                 *text)
{
  g_return_if_fail (PANGO_IS_CONTEXT (context));
  g_return_if_fail (base != NULL);
  g_return_if_fail (faces != NULL || n_faces == 0);

  load_faces (context, base, pango_font_description_get_size (base), faces, n_faces, text);
}

void
lm_text_load_surface_faces (PangoFontMap     *fonts,
                            cairo_surface_t  *surface,
                            const char       *family,
                            double            px_size,
                            const LmTextFace *faces,
                            guint             n_faces,
                            const char       *text)
{
  cairo_t *cr;
  PangoContext *context;
  PangoFontDescription *base;

  g_return_if_fail (PANGO_IS_FONT_MAP (fonts));
  g_return_if_fail (surface != NULL);

  /* The surface's font options are part of the fonts' identity (a
   * recording surface's differ from an image's): the text must be laid
   * out as its owner lays it out; the description is
   * lm_text_layout_setup()'s. */
  cr = cairo_create (surface);
  context = pango_font_map_create_context (fonts);
  base = pango_font_description_from_string (family != NULL ? family : "Sans");
  pango_font_description_set_absolute_size (base, px_size * PANGO_SCALE);
  pango_cairo_update_context (cr, context);
  load_faces (context, base, px_size * PANGO_SCALE, faces, n_faces, text);
  pango_font_description_free (base);
  g_object_unref (context);
  cairo_destroy (cr);
}

PangoFontMap *
lm_text_load_fonts (double px_size)
{
  static const LmTextFace faces[] = {
    { 1.0, PANGO_WEIGHT_NORMAL }, { 1.0, PANGO_WEIGHT_BOLD },
  };
  PangoFontMap *fonts = pango_cairo_font_map_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);

  /* The figures are drawn on image surfaces. */
  lm_text_load_surface_faces (fonts, surface, NULL, px_size, faces, G_N_ELEMENTS (faces),
                              "Levelmap 0123456789 \u2013 \u00b7 \u00a9 \u2019");
  cairo_surface_destroy (surface);
  return fonts;
}
