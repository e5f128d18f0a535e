/* lm-export.h — figures to PNG, SVG and PDF files
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "lm-bivariate.h"
#include "lm-classify.h"
#include "lm-model.h"

G_BEGIN_DECLS

#define LM_EXPORT_ERROR (lm_export_error_quark ())

typedef enum
{
  LM_EXPORT_ERROR_FORMAT,         /* the file name's extension is not .png, .svg or .pdf */
  LM_EXPORT_ERROR_SIZE,           /* width or height out of range */
  LM_EXPORT_ERROR_NO_BOUNDARIES,  /* the level has no polygons to draw */
  LM_EXPORT_ERROR_NO_VALUES,      /* the variable has no value at all at that level */
} LmExportError;

typedef enum
{
  LM_EXPORT_FORMAT_PNG,
  LM_EXPORT_FORMAT_SVG,
  LM_EXPORT_FORMAT_PDF,
} LmExportFormat;

/* Figures are laid out in pixels; SVG and PDF pages get the same
 * proportions at 96 pixels per inch (0.75 pt per pixel). */
#define LM_EXPORT_MIN_SIZE 64
#define LM_EXPORT_MAX_SIZE 16384

/* Draws a whole figure of @width x @height pixels on @cr (whose user
 * space is those pixels). cairo_get_target (cr) is an image surface for
 * PNG, which lets the map renderer take its fast threaded path. */
typedef void (*LmExportDrawFunc) (cairo_t  *cr,
                                  int       width,
                                  int       height,
                                  gpointer  user_data);

GQuark    lm_export_error_quark        (void);
/* The format for a file name by its extension (case-insensitive); FALSE
 * with LM_EXPORT_ERROR_FORMAT naming the three allowed otherwise. */
gboolean  lm_export_format_from_path   (const char        *path,
                                        LmExportFormat    *out_format,
                                        GError           **error);

/**
 * lm_export_draw_to_file:
 * @path: ends in .png, .svg or .pdf
 * @width: figure width in pixels (LM_EXPORT_MIN_SIZE..LM_EXPORT_MAX_SIZE)
 * @height: figure height in pixels
 * @draw_func: draws the figure
 * @user_data: for @draw_func
 * @error: a sentence naming the file on failure
 *
 * Draws a figure into a file of the format its name says. The write is
 * atomic: a temporary file in the same folder is renamed over @path at
 * the end, and removed on any failure, so @path is never left half
 * written. SVG and PDF stay vector.
 */
gboolean  lm_export_draw_to_file       (const char        *path,
                                        int                width,
                                        int                height,
                                        LmExportDrawFunc   draw_func,
                                        gpointer           user_data,
                                        GError           **error);

/* What a map figure shows. Start from lm_map_export_options_init(). */
typedef struct
{
  const char        *level_id;      /* "lsoa"; NULL for the finest level */
  const char        *variable_id;   /* "imd.score"; NULL for the dataset's default */
  LmClassifyMethod   method;        /* default quantiles */
  guint              n_classes;     /* 3..10; default 5 (deciles: 10) */
  const char        *palette;       /* NULL: lm_palette_get_default() */
  int                width;         /* pixels; default 1600 x 2000 */
  int                height;
  /* Export quality: CAIRO_ANTIALIAS_DEFAULT (the default) or GOOD;
   * FAST for drafts. Only raster output is affected. */
  cairo_antialias_t  antialias;
  gboolean           show_left_behind;  /* default TRUE */
  gboolean           show_selection;    /* default FALSE: figures rarely want it */
  /* The world rectangle the map shows (borrowed; e.g. what the window
   * shows): NULL (the default) for the whole level. */
  const LmBounds    *extent;
  /* A bivariate map of these two (see lm-bivariate.h) instead of
   * variable_id; NULL (the default) for none. Breaks not given: tertiles. */
  const char        *bivariate_x;
  const char        *bivariate_y;
  LmBivariateBreaks  bivariate_x_breaks;
  LmBivariateBreaks  bivariate_y_breaks;
  const char        *bivariate_palette;  /* NULL: the default scheme */
} LmMapExportOptions;

void      lm_map_export_options_init   (LmMapExportOptions *options);

/**
 * lm_export_map:
 * @model: the model (current weights, selection)
 * @options: what to draw
 * @path: .png, .svg or .pdf
 * @error: a plain-English sentence: unknown level or variable, a
 *   variable not available at that level, unknown palette, bad size,
 *   unknown extension, or a write failure naming the file
 *
 * Writes a map figure: the title (variable, level, dataset), the map,
 * its legend with class bounds and counts, the attribution lines and a
 * provenance line (dataset, weights when not the official ones,
 * classification), so a figure on a slide says how it was made.
 */
gboolean  lm_export_map                (LmModel                  *model,
                                        const LmMapExportOptions *options,
                                        const char               *path,
                                        GError                  **error);
/* The same figure as a new ARGB32 image (for copying to the clipboard);
 * free with cairo_surface_destroy(). NULL with @error set on failure. */
cairo_surface_t *lm_export_map_to_surface (LmModel                  *model,
                                           const LmMapExportOptions *options,
                                           GError                  **error);

G_END_DECLS
