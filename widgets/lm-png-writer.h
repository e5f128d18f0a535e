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

/* Paints the picture's rows [@first_row, @first_row + the height of
 * @rows) into @rows, an ARGB32 image as wide as the picture whose pixels
 * are undefined until then. Called from several threads at once, each
 * with its own @slot (below 4). */
typedef void (*LmPngPaintFunc) (cairo_surface_t *rows,
                                int              first_row,
                                guint            slot,
                                gpointer         user_data);

/**
 * lm_png_write_strips:
 * @path: the file to write
 * @width: the picture's width in pixels
 * @height: its height
 * @compression: zlib level 0..9, or -1 for LM_PNG_DEFAULT_COMPRESSION
 * @paint: paints the picture strip by strip
 * @user_data: for @paint
 * @error: as for lm_png_write_surface()
 *
 * Writes an opaque picture (8-bit RGB; alpha is ignored) that is never
 * whole in memory: each thread paints a strip of rows, compresses it
 * and takes the next, so that compression runs beside painting and the
 * memory is a strip per core, not the picture. Atomic as
 * lm_png_write_surface().
 */
gboolean  lm_png_write_strips           (const char       *path,
                                         int               width,
                                         int               height,
                                         int               compression,
                                         LmPngPaintFunc    paint,
                                         gpointer          user_data,
                                         GError          **error);

G_END_DECLS
