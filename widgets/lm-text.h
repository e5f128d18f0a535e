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
/* A new font map with the figures' fonts loaded at @px_size, for a
 * thread that lays out text next to make its default
 * (pango_cairo_font_map_set_default()): loading fonts is some twenty
 * milliseconds that another core can spend while the data load. */
PangoFontMap *lm_text_load_fonts (double px_size);

G_END_DECLS
