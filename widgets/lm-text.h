/* lm-text.h — the one way the renderers set up and measure text
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* Gives @layout the font @family (NULL = "Sans") at @px_size device units,
 * the @weight, and the @text. */
void  lm_text_layout_setup     (PangoLayout *layout,
                                const char  *family,
                                double       px_size,
                                PangoWeight  weight,
                                const char  *text);
/* A new layout for @cr with that font and @text, wrapped at @wrap device
 * units (0: not wrapped). */
PangoLayout *lm_text_layout_new (cairo_t     *cr,
                                 const char  *family,
                                 double       px_size,
                                 gboolean     bold,
                                 double       wrap,
                                 const char  *text);
/* The logical size of @layout in device units (either may be NULL). */
void  lm_text_layout_get_size  (PangoLayout *layout,
                                double      *out_width,
                                double      *out_height);
/* A font of text laid out in some base font: its size, as a multiple of
 * the base's, and its weight. */
typedef struct
{
  double      scale;
  PangoWeight weight;
} LmTextFace;

/* Loads into @context's font map each of @faces of the @base font, with
 * the glyphs of @text: fontconfig's match, the face, its metrics and the
 * glyphs' sizes, which the first text laid out in that font would
 * otherwise load. For a thread that does it while another core has other
 * work, before that text is laid out (the font map is then the thread's
 * alone until it is joined). */
void  lm_text_load_faces       (PangoContext               *context,
                                const PangoFontDescription *base,
                                const LmTextFace           *faces,
                                guint                       n_faces,
                                const char                 *text);
/* The same for text laid out with lm_text_layout_setup() with @fonts on
 * a context of @surface (whose font options the fonts depend on: an
 * image surface's differ from a recording surface's): @faces of @family
 * (NULL = "Sans") at @px_size. */
void  lm_text_load_surface_faces (PangoFontMap             *fonts,
                                  cairo_surface_t          *surface,
                                  const char               *family,
                                  double                    px_size,
                                  const LmTextFace         *faces,
                                  guint                     n_faces,
                                  const char               *text);
/* A new font map with the figures' fonts loaded at @px_size, for a
 * thread that lays out text next to make its default
 * (pango_cairo_font_map_set_default()): loading fonts is some twenty
 * milliseconds that another core can spend while the data load. */
PangoFontMap *lm_text_load_fonts (double px_size);

G_END_DECLS
