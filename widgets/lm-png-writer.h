/* lm-png-writer.h — fast, atomic PNG files from Cairo image surfaces
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

/* zlib level used by default: cairo_surface_write_to_png() uses zlib's
 * default (6), which costs ~95-127 ms on a 1600x2000 map; level 1 with
 * no row filter takes ~29 ms and, on flat choropleth colours, the file
 * is even smaller. */
#define LM_PNG_DEFAULT_COMPRESSION 1

/* Row filters (PNG's own); DEFAULT is the measured best for maps. */
typedef enum
{
  LM_PNG_FILTER_DEFAULT,
  LM_PNG_FILTER_NONE,
  LM_PNG_FILTER_SUB,
  LM_PNG_FILTER_UP,
  LM_PNG_FILTER_PAETH,
  LM_PNG_FILTER_ADAPTIVE,   /* libpng picks per row: smallest, slowest */
} LmPngFilter;

/**
 * lm_png_write_surface:
 * @surface: an ARGB32 or RGB24 image surface
 * @path: the file to write
 * @compression: zlib level 0..9, or -1 for LM_PNG_DEFAULT_COMPRESSION
 * @error: a #GError naming the file (G_IO_ERROR domain)
 *
 * Writes a PNG (8-bit RGB, or RGBA when the surface has any transparent
 * pixel) atomically: into a temporary file in the same folder, then
 * renamed over @path. On failure the temporary file is removed and
 * @path is left as it was.
 */
gboolean  lm_png_write_surface          (cairo_surface_t  *surface,
                                         const char       *path,
                                         int               compression,
                                         GError          **error);
/* The same into an open stdio stream (not closed). @name is only used
 * in error messages. */
gboolean  lm_png_write_surface_to_stdio (cairo_surface_t  *surface,
                                         FILE             *fp,
                                         const char       *name,
                                         int               compression,
                                         LmPngFilter       filter,
                                         GError          **error);

G_END_DECLS
