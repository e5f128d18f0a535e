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

PangoFontMap *
lm_text_load_fonts (double px_size)
{
  PangoFontMap *fonts = pango_cairo_font_map_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_font_map_create_context (fonts);
  PangoLayout *layout;

  /* The figures' own font options (an image surface's), so that the
   * fonts loaded are the ones they use. */
  pango_cairo_update_context (cr, context);
  layout = pango_layout_new (context);
  for (guint bold = 0; bold <= 1; bold++)
    {
      lm_text_layout_setup (layout, NULL, px_size, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                            "Levelmap 0123456789 \u2013 \u00b7 \u00a9 \u2019");
      lm_text_layout_get_size (layout, NULL, NULL);
    }
  g_object_unref (layout);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return fonts;
}
