/* lm-export.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

#include "lm-atomic-file.h"
#include "lm-export.h"
#include "lm-map-figure.h"
#include "lm-png-writer.h"

/* SVG and PDF are measured in points; figures are laid out in pixels at
 * 96 per inch, so a 1600x2000 figure is a 1200x1500 pt page. */
#define PT_PER_PX 0.75

G_DEFINE_QUARK (lm-export-error-quark, lm_export_error)

/* ------------------------------------------------------------------ */
/* Files                                                                */
/* ------------------------------------------------------------------ */

gboolean
lm_export_format_from_path (const char      *path,
                            LmExportFormat  *out_format,
                            GError         **error)
{
  g_autofree char *display = NULL;
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dot = strrchr (path, '.');
  if (dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL)
    {
      LmExportFormat format;
      gboolean known = TRUE;

      if (g_ascii_strcasecmp (dot, ".png") == 0)
        format = LM_EXPORT_FORMAT_PNG;
      else if (g_ascii_strcasecmp (dot, ".svg") == 0)
        format = LM_EXPORT_FORMAT_SVG;
      else if (g_ascii_strcasecmp (dot, ".pdf") == 0)
        format = LM_EXPORT_FORMAT_PDF;
      else
        known = FALSE;
      if (known)
        {
          if (out_format)
            *out_format = format;
          return TRUE;
        }
    }

  display = g_filename_display_basename (path);
  g_set_error (error, LM_EXPORT_ERROR, LM_EXPORT_ERROR_FORMAT,
               _("Cannot tell which kind of file to write from the name “%s”: "
                 "it must end in .png (picture), .svg (vector drawing) or .pdf (document)."),
               display);
  return FALSE;
}

static gboolean
check_size (int      width,
            int      height,
            GError **error)
{
  if (width >= LM_EXPORT_MIN_SIZE && width <= LM_EXPORT_MAX_SIZE
      && height >= LM_EXPORT_MIN_SIZE && height <= LM_EXPORT_MAX_SIZE)
    return TRUE;
  g_set_error (error, LM_EXPORT_ERROR, LM_EXPORT_ERROR_SIZE,
               _("A figure of %d×%d pixels is not possible: width and height must each be "
                 "between %d and %d pixels."),
               width, height, LM_EXPORT_MIN_SIZE, LM_EXPORT_MAX_SIZE);
  return FALSE;
}

typedef struct
{
  FILE *fp;
  int   saved_errno;
} StreamClosure;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  StreamClosure *stream = closure;

  if (stream->saved_errno != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  if (fwrite (data, 1, length, stream->fp) != length)
    {
      stream->saved_errno = errno != 0 ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

/* SVG and PDF: Cairo writes through a stream into an LmAtomicFile, renamed
 * over @path only once everything succeeded. */
static gboolean
draw_vector_to_file (const char        *path,
                     LmExportFormat     format,
                     int                width,
                     int                height,
                     LmExportDrawFunc   draw_func,
                     gpointer           user_data,
                     GError           **error)
{
  g_autoptr(LmAtomicFile) file = NULL;
  StreamClosure stream = { NULL, 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  file = lm_atomic_file_new (path, error);
  if (file == NULL)
    return FALSE;
  stream.fp = lm_atomic_file_get_stream (file);

  if (format == LM_EXPORT_FORMAT_SVG)
    surface = cairo_svg_surface_create_for_stream (write_to_stream, &stream,
                                                   width * PT_PER_PX, height * PT_PER_PX);
  else
    {
      surface = cairo_pdf_surface_create_for_stream (write_to_stream, &stream,
                                                     width * PT_PER_PX, height * PT_PER_PX);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                      "Levelmap " PACKAGE_VERSION);
    }

  cr = cairo_create (surface);
  cairo_scale (cr, PT_PER_PX, PT_PER_PX);
  draw_func (cr, width, height, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);
  /* Finishing writes the rest (and PDF's single page). */
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  /* Freeing @file without a commit removes the temporary file. */
  if (stream.saved_errno != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (stream.saved_errno),
                   _("Could not write “%s”: %s."), lm_atomic_file_get_display (file),
                   g_strerror (stream.saved_errno));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write “%s”: %s."), lm_atomic_file_get_display (file),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return lm_atomic_file_commit (file, error);
}

static cairo_surface_t *
draw_to_image (int                width,
               int                height,
               LmExportDrawFunc   draw_func,
               gpointer           user_data,
               GError           **error)
{
  cairo_surface_t *image;
  cairo_t *cr;

  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("Not enough memory for a picture of %d×%d pixels."), width, height);
      return NULL;
    }
  cr = cairo_create (image);
  draw_func (cr, width, height, user_data);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
}

gboolean
lm_export_draw_to_file (const char        *path,
                        int                width,
                        int                height,
                        LmExportDrawFunc   draw_func,
                        gpointer           user_data,
                        GError           **error)
{
  LmExportFormat format;
  cairo_surface_t *image;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (draw_func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lm_export_format_from_path (path, &format, error) || !check_size (width, height, error))
    return FALSE;

  if (format != LM_EXPORT_FORMAT_PNG)
    return draw_vector_to_file (path, format, width, height, draw_func, user_data, error);

  image = draw_to_image (width, height, draw_func, user_data, error);
  if (image == NULL)
    return FALSE;
  /* Atomic too: lm_png_write_surface goes through a temporary file. */
  ok = lm_png_write_surface (image, path, -1, error);
  cairo_surface_destroy (image);
  return ok;
}

/* ------------------------------------------------------------------ */
/* Map figures                                                          */
/* ------------------------------------------------------------------ */

void
lm_map_export_options_init (LmMapExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  /* NULL: the finest level and the dataset's default variable. */
  options->level_id = NULL;
  options->variable_id = NULL;
  options->method = LM_CLASSIFY_QUANTILE;
  options->n_classes = 5;
  options->palette = NULL;
  options->width = 1600;
  options->height = 2000;
  options->antialias = CAIRO_ANTIALIAS_DEFAULT;
  options->show_left_behind = TRUE;
  options->show_selection = FALSE;
}

/* The figure for @options, coloured and with its polygons loaded. */
static LmMapFigure *
map_figure_new (LmModel                  *model,
                const LmMapExportOptions *options,
                GError                  **error)
{
  g_autoptr(LmMapFigure) figure = NULL;

  if (!check_size (options->width, options->height, error))
    return NULL;
  figure = lm_map_figure_new (model);
  lm_map_figure_set_options (figure, options);
  if (!lm_map_figure_update (figure, error) || !lm_map_figure_ensure_shapes (figure, error))
    return NULL;
  return g_steal_pointer (&figure);
}

typedef struct
{
  LmMapFigure              *figure;
  const LmMapExportOptions *options;
} MapDraw;

static void
draw_map_figure (cairo_t  *cr,
                 int       width,
                 int       height,
                 gpointer  user_data)
{
  MapDraw *draw = user_data;

  lm_map_figure_draw (draw->figure, cr, width, height, draw->options->extent,
                      draw->options->antialias);
}

gboolean
lm_export_map (LmModel                  *model,
               const LmMapExportOptions *options,
               const char               *path,
               GError                  **error)
{
  g_autoptr(LmMapFigure) figure = NULL;
  LmExportFormat format;
  MapDraw draw;

  g_return_val_if_fail (LM_IS_MODEL (model), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Every check before any file is touched. */
  if (!lm_export_format_from_path (path, &format, error))
    return FALSE;
  figure = map_figure_new (model, options, error);
  if (figure == NULL)
    return FALSE;
  /* The whole level as PNG is painted and compressed in strips on every
   * core, never whole in memory. */
  if (format == LM_EXPORT_FORMAT_PNG && options->extent == NULL)
    return lm_map_figure_write_png (figure, path, options->width, options->height,
                                    options->antialias, error);
  draw.figure = figure;
  draw.options = options;
  return lm_export_draw_to_file (path, options->width, options->height,
                                 draw_map_figure, &draw, error);
}

cairo_surface_t *
lm_export_map_to_surface (LmModel                  *model,
                          const LmMapExportOptions *options,
                          GError                  **error)
{
  g_autoptr(LmMapFigure) figure = NULL;
  MapDraw draw;

  g_return_val_if_fail (LM_IS_MODEL (model), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  figure = map_figure_new (model, options, error);
  if (figure == NULL)
    return NULL;
  draw.figure = figure;
  draw.options = options;
  return draw_to_image (options->width, options->height, draw_map_figure, &draw, error);
}
