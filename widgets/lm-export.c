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
#include "lm-text.h"
#include "lm-legend-renderer.h"
#include "lm-map-renderer.h"
#include "lm-palette.h"
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
  options->level_id = "lsoa";
  options->variable_id = "imd.score";
  options->method = LM_CLASSIFY_QUANTILE;
  options->n_classes = 5;
  options->palette = NULL;
  options->width = 1600;
  options->height = 2000;
  options->antialias = CAIRO_ANTIALIAS_DEFAULT;
  options->show_left_behind = TRUE;
  options->show_selection = FALSE;
}

typedef struct
{
  LmModel            *model;
  LmDataset          *dataset;
  LmMapExportOptions  options;
  LmLevel            *level;
  LmVariable         *variable;
  const LmPalette    *palette;
  LmClassification    classes;
  LmColor             colors[LM_CLASSIFY_MAX_CLASSES];
  gint8              *class_of;
  LmLevel            *marked_level;
  guint8             *marked_mask;
  guint               n_marked;
  const guint8       *selection_mask;
  char               *title;
  char               *subtitle;
  char               *attribution;
  char               *provenance;
  char               *left_behind_label;
  LmMapRenderer      *renderer;
} MapFigure;

static void
map_figure_free (MapFigure *figure)
{
  g_free (figure->class_of);
  g_free (figure->marked_mask);
  g_free (figure->title);
  g_free (figure->subtitle);
  g_free (figure->attribution);
  g_free (figure->provenance);
  g_free (figure->left_behind_label);
  g_clear_pointer (&figure->renderer, lm_map_renderer_free);
  g_free (figure);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MapFigure, map_figure_free)

static void
prepare_left_behind (MapFigure *figure)
{
  LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (figure->dataset);
  LmVariable *flags;
  g_autoptr(GError) error = NULL;

  if (!figure->options.show_left_behind || rule == NULL || rule->level == NULL)
    return;
  flags = lm_level_find_variable (rule->level, "left_behind");
  if (flags == NULL)
    return;
  /* The marks need the rule level's polygons; without them the figure
   * is still right, just without marks, so this is not an error. */
  if (!lm_dataset_ensure_shapes (figure->dataset, rule->level, &error) || rule->level->shapes == NULL)
    {
      g_debug ("No left-behind marks: %s", error ? error->message : "no boundaries");
      return;
    }

  figure->marked_level = rule->level;
  figure->marked_mask = g_new0 (guint8, MAX (rule->level->n_areas, 1));
  for (guint i = 0; i < rule->level->n_areas; i++)
    {
      double v = flags->values[i];

      if (!isnan (v) && v != 0)
        {
          figure->marked_mask[i] = 1;
          figure->n_marked++;
        }
    }
  /* TRANSLATORS: legend row, e.g. "Left behind: Wards (2017)" */
  figure->left_behind_label = g_strdup_printf (_("Left behind: %s"), rule->level->title);
}

static void
prepare_text (MapFigure *figure)
{
  const char * const *attributions = lm_dataset_get_attributions (figure->dataset);
  g_autofree char *weights = lm_model_describe_weights (figure->model);
  g_autofree char *weights_text = NULL;
  gboolean custom = weights != NULL && figure->variable->depends_on_weights;

  figure->title = g_strdup (figure->variable->title);
  if (custom)
    /* TRANSLATORS: figure subtitle: level, dataset, and a warning that
     * the index was re-weighted */
    figure->subtitle = g_strdup_printf (_("%s · %s · custom weights"),
                                        figure->level->title,
                                        lm_dataset_get_title (figure->dataset));
  else
    figure->subtitle = g_strdup_printf (_("%s · %s"), figure->level->title,
                                        lm_dataset_get_title (figure->dataset));

  figure->attribution = attributions != NULL ? g_strjoinv ("\n", (char **) attributions) : g_strdup ("");

  if (weights != NULL)
    weights_text = g_strdup_printf (_("Weights changed from the official ones: %s."), weights);
  else
    weights_text = g_strdup (_("Official weights."));
  /* TRANSLATORS: provenance line under a figure: app version, dataset
   * title and id, weights sentence, classification method, number of
   * classes, colour scheme */
  figure->provenance = g_strdup_printf (_("Made with Levelmap %s from %s (%s). %s "
                                          "Classes: %s, %u classes; colours: %s."),
                                        PACKAGE_VERSION,
                                        lm_dataset_get_title (figure->dataset),
                                        lm_dataset_get_id (figure->dataset),
                                        weights_text,
                                        lm_classify_method_get_title (figure->classes.method),
                                        figure->classes.n_classes,
                                        lm_palette_get_name (figure->palette));
}

static MapFigure *
map_figure_new (LmModel                  *model,
                const LmMapExportOptions *options,
                GError                  **error)
{
  g_autoptr(MapFigure) figure = g_new0 (MapFigure, 1);

  if (!check_size (options->width, options->height, error))
    return NULL;

  figure->model = model;
  figure->dataset = lm_model_get_dataset (model);
  figure->options = *options;

  /* The model explains an unknown level, an unknown variable, and a
   * variable that exists only at coarser levels ("not available at
   * this level"). */
  figure->variable = lm_model_find_variable (model, options->level_id, options->variable_id, error);
  if (figure->variable == NULL)
    return NULL;
  figure->level = figure->variable->level;

  if (options->palette != NULL)
    figure->palette = lm_palette_lookup (options->palette, error);
  else
    figure->palette = lm_palette_get_default (figure->variable);
  if (figure->palette == NULL)
    return NULL;

  if (!lm_dataset_ensure_shapes (figure->dataset, figure->level, error))
    return NULL;
  if (figure->level->shapes == NULL || figure->level->feature == NULL)
    {
      g_set_error (error, LM_EXPORT_ERROR, LM_EXPORT_ERROR_NO_BOUNDARIES,
                   _("The level “%s” has no boundaries in %s, so it cannot be mapped."),
                   figure->level->title, lm_dataset_get_title (figure->dataset));
      return NULL;
    }

  if (!lm_classify (figure->variable->values, figure->level->n_areas, options->method,
                    options->n_classes, &figure->classes))
    {
      g_set_error (error, LM_EXPORT_ERROR, LM_EXPORT_ERROR_NO_VALUES,
                   _("“%s” has no value for any of the %s, so there is nothing to map."),
                   figure->variable->title, figure->level->title);
      return NULL;
    }
  lm_palette_get_colors_for_variable (figure->palette, figure->variable,
                                      figure->classes.n_classes, figure->colors);
  figure->class_of = g_new (gint8, MAX (figure->level->n_areas, 1));
  lm_classification_assign (&figure->classes, figure->variable->values,
                            figure->level->n_areas, figure->class_of);

  if (options->show_selection)
    {
      LmSelection *selection = lm_model_get_selection (model);

      if (selection != NULL && !lm_selection_is_empty (selection))
        figure->selection_mask = lm_selection_get_mask (selection, figure->level);
    }

  prepare_left_behind (figure);
  prepare_text (figure);
  figure->renderer = lm_map_renderer_new ();
  return g_steal_pointer (&figure);
}

static PangoLayout *
text_layout (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold,
             double      wrap_width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);

  pango_layout_set_width (layout, (int) (wrap_width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  lm_text_layout_setup (layout, NULL, size, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL, text);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  double height;

  lm_text_layout_get_size (layout, NULL, &height);
  return height;
}

/* Typical on-screen size of the level's areas, to decide whether their
 * own borders would help or just grey the map. */
static double
mean_area_size_px (LmLevel         *level,
                   const LmMapView *view)
{
  guint n = lm_shape_layer_get_n_features (level->shapes);
  double sum = 0;
  guint counted = 0;

  for (guint f = 0; f < n; f++)
    {
      const LmShapeFeature *feature = lm_shape_layer_get_feature (level->shapes, f);
      double w = feature->bounds.xmax - feature->bounds.xmin;
      double h = feature->bounds.ymax - feature->bounds.ymin;

      if (feature->n_parts == 0 || !(w >= 0) || !(h >= 0))
        continue;
      sum += sqrt (w * h);
      counted++;
    }
  return counted > 0 ? sum / counted / view->metres_per_pixel : 0;
}

/* How many areas (by bounding-box centre) a rectangle would hide. */
static guint
count_covered (LmLevel         *level,
               const LmMapView *view,
               double           x,
               double           y,
               double           w,
               double           h)
{
  guint n = lm_shape_layer_get_n_features (level->shapes);
  guint covered = 0;

  for (guint f = 0; f < n; f++)
    {
      const LmShapeFeature *feature = lm_shape_layer_get_feature (level->shapes, f);
      double px, py;

      if (feature->n_parts == 0)
        continue;
      lm_map_view_world_to_pixel (view,
                                  (feature->bounds.xmin + feature->bounds.xmax) / 2,
                                  (feature->bounds.ymin + feature->bounds.ymax) / 2,
                                  &px, &py);
      if (px >= x && px <= x + w && py >= y && py <= y + h)
        covered++;
    }
  return covered;
}

static void
fit_view (LmMapView      *view,
          const LmBounds *bounds,
          int             width,
          int             height,
          double          x,
          double          y,
          double          w,
          double          h)
{
  LmMapView fit;

  /* The view covers the whole figure (so the raster renderer can draw
   * straight into it), scaled and centred so the level fills the map
   * rectangle. */
  lm_map_view_fit (&fit, bounds, (int) w, (int) h, 0);
  view->metres_per_pixel = fit.metres_per_pixel;
  view->width = width;
  view->height = height;
  view->center_x = fit.center_x - (x + w / 2 - width / 2.0) * fit.metres_per_pixel;
  view->center_y = fit.center_y + (y + h / 2 - height / 2.0) * fit.metres_per_pixel;
}

static double
nice_distance (double max_metres)
{
  static const double steps[] = { 1, 2, 5 };
  double best = 0;

  for (double decade = 1; decade <= 1e7; decade *= 10)
    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      if (steps[i] * decade <= max_metres)
        best = steps[i] * decade;
  return best;
}

/* Height of the scale bar drawn by draw_scale_bar(). */
static double
scale_bar_height (double font_size)
{
  return round (font_size * 0.35) + font_size * 0.2 + font_size * 0.8 * 1.3;
}

static void
draw_scale_bar (cairo_t         *cr,
                const LmMapView *view,
                double           x,
                double           y,
                double           max_length,
                double           font_size)
{
  double metres = nice_distance (max_length * view->metres_per_pixel);
  double length = metres / view->metres_per_pixel;
  double bar_h = round (font_size * 0.35);
  g_autofree char *label = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  if (metres <= 0)
    return;
  if (metres >= 1000)
    /* TRANSLATORS: scale bar, kilometres */
    label = g_strdup_printf (_("%g km"), metres / 1000);
  else
    /* TRANSLATORS: scale bar, metres */
    label = g_strdup_printf (_("%g m"), metres);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_rectangle (cr, x, y, length / 2, bar_h);
  cairo_fill (cr);
  cairo_rectangle (cr, x + 0.5, y + 0.5, length - 1, bar_h - 1);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  layout = text_layout (cr, label, font_size * 0.8, FALSE, font_size * 10);
  cairo_move_to (cr, x, y + bar_h + font_size * 0.2);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
draw_map_figure (cairo_t  *cr,
                 int       width,
                 int       height,
                 gpointer  user_data)
{
  MapFigure *figure = user_data;
  cairo_surface_t *target = cairo_get_target (cr);
  gboolean raster = cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE;
  double base = CLAMP (MIN (width, height) / 90.0, 7.0, 48.0);
  double margin = round (base * 1.6);
  double inner_w = width - 2 * margin;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) subtitle = NULL;
  g_autoptr(PangoLayout) attribution = NULL;
  g_autoptr(PangoLayout) provenance = NULL;
  g_autoptr(LmLegendRenderer) legend = NULL;
  double header_h, footer_h, map_x, map_y, map_w, map_h, legend_w, legend_h;
  double legend_x, legend_y, pad, scale_y;
  LmBounds bounds = lm_shape_layer_get_bounds (figure->level->shapes);
  LmMapView view;
  LmMapStyle style;
  LmColor text = { 0.1, 0.1, 0.1, 1 };
  LmColor muted = { 0.35, 0.35, 0.35, 1 };
  gboolean legend_beside = FALSE;

  /* Paper */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* Header and footer first: the map gets what is left. */
  title = text_layout (cr, figure->title, base * 1.9, TRUE, inner_w);
  subtitle = text_layout (cr, figure->subtitle, base * 1.1, FALSE, inner_w);
  header_h = layout_height (title) + base * 0.2 + layout_height (subtitle);
  attribution = text_layout (cr, figure->attribution, base * 0.72, FALSE, inner_w);
  provenance = text_layout (cr, figure->provenance, base * 0.72, FALSE, inner_w);
  footer_h = layout_height (attribution) + base * 0.4 + layout_height (provenance);

  map_x = margin;
  map_y = margin + header_h + base;
  map_w = inner_w;
  map_h = height - margin - footer_h - base * 1.2 - map_y;

  legend = lm_legend_renderer_new ();
  lm_legend_renderer_set_classes (legend, figure->variable, &figure->classes,
                                  figure->colors, NULL);
  {
    g_autofree char *legend_sub = g_strdup_printf (
      /* TRANSLATORS: legend subtitle: classification method, number of classes */
      _("%s, %u classes"), lm_classify_method_get_title (figure->classes.method),
      figure->classes.n_classes);

    lm_legend_renderer_set_title (legend, figure->variable->title, legend_sub);
  }
  if (figure->marked_level != NULL)
    lm_legend_renderer_set_left_behind (legend, TRUE, figure->left_behind_label, figure->n_marked);
  lm_legend_renderer_set_font (legend, "Sans", base * 0.95);
  lm_legend_renderer_set_max_width (legend, base * 18);
  lm_legend_renderer_measure (legend, cr, &legend_w, &legend_h);
  pad = round (base * 0.7);
  /* The scale bar sits under the legend, in the same quiet corner. */
  scale_y = legend_h + base * 0.9;
  legend_h = scale_y + scale_bar_height (base);

  if (map_h < 2 * base)
    map_h = 2 * base;
  fit_view (&view, &bounds, width, height, map_x, map_y, map_w, map_h);

  /* The legend goes in the map corner that hides the fewest areas (the
   * sea, for England); when every corner would hide many, it gets a
   * column of its own beside the map. */
  {
    double box_w = legend_w + 2 * pad;
    double box_h = legend_h + 2 * pad;
    double xs[2] = { map_x, map_x + map_w - box_w };
    double ys[2] = { map_y, map_y + map_h - box_h };
    guint best = G_MAXUINT;
    guint n_features = lm_shape_layer_get_n_features (figure->level->shapes);

    legend_x = xs[0];
    legend_y = ys[0];
    for (guint c = 0; c < 4; c++)
      {
        guint covered = count_covered (figure->level, &view, xs[c % 2], ys[c / 2], box_w, box_h);

        if (covered < best)
          {
            best = covered;
            legend_x = xs[c % 2];
            legend_y = ys[c / 2];
          }
      }
    if (best > MAX (n_features / 200, 1) && map_w > 2 * box_w)
      {
        legend_beside = TRUE;
        map_w -= box_w + base;
        legend_x = map_x + map_w + base;
        legend_y = map_y;
        fit_view (&view, &bounds, width, height, map_x, map_y, map_w, map_h);
      }
  }

  /* The map */
  lm_map_style_init (&style);
  style.classes = figure->class_of;
  style.class_colors = figure->colors;
  style.n_classes = figure->classes.n_classes;
  style.antialias = figure->options.antialias;
  style.marked_level = figure->marked_level;
  style.marked_mask = figure->marked_mask;
  style.selection_mask = figure->selection_mask;
  style.outline_level = lm_map_renderer_choose_outline_level (figure->level, &view);
  if (style.outline_level != NULL
      && !lm_dataset_ensure_shapes (figure->dataset, style.outline_level, NULL))
    style.outline_level = NULL;
  /* Borders between the areas themselves only when the areas are large
   * enough on the page for them to separate rather than grey out. */
  if (mean_area_size_px (figure->level, &view) >= 16)
    {
      LmColor border = { 1, 1, 1, 0.8 };

      style.area_border_width = 0.6;
      style.area_border_color = border;
    }
  if (style.outline_level != NULL)
    style.outline_width = MAX (0.7, base / 22);

  if (raster)
    {
      cairo_surface_flush (target);
      lm_map_renderer_render_image (figure->renderer, target, figure->level, &view, &style);
    }
  else
    lm_map_renderer_draw (figure->renderer, cr, figure->level, &view, &style);
  g_debug ("map drawn in %.1f ms", lm_map_renderer_get_last_render_ms (figure->renderer));

  /* Title */
  cairo_set_source_rgba (cr, text.red, text.green, text.blue, text.alpha);
  cairo_move_to (cr, margin, margin);
  pango_cairo_show_layout (cr, title);
  cairo_set_source_rgba (cr, muted.red, muted.green, muted.blue, muted.alpha);
  cairo_move_to (cr, margin, margin + layout_height (title) + base * 0.2);
  pango_cairo_show_layout (cr, subtitle);

  /* Legend, on a veil of paper where it overlaps the map */
  if (!legend_beside)
    {
      cairo_set_source_rgba (cr, 1, 1, 1, 0.88);
      cairo_rectangle (cr, legend_x, legend_y, legend_w + 2 * pad, legend_h + 2 * pad);
      cairo_fill (cr);
    }
  lm_legend_renderer_draw (legend, cr, legend_x + pad, legend_y + pad);
  draw_scale_bar (cr, &view, legend_x + pad, legend_y + pad + scale_y,
                  MIN (legend_w, base * 10), base);

  /* Footer: a hairline, the attributions, the provenance */
  {
    double y = height - margin - footer_h;

    cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
    cairo_rectangle (cr, margin, y - base * 0.6, inner_w, 1);
    cairo_fill (cr);
    cairo_set_source_rgba (cr, muted.red, muted.green, muted.blue, muted.alpha);
    cairo_move_to (cr, margin, y);
    pango_cairo_show_layout (cr, attribution);
    cairo_move_to (cr, margin, y + layout_height (attribution) + base * 0.4);
    pango_cairo_show_layout (cr, provenance);
  }
}

gboolean
lm_export_map (LmModel                  *model,
               const LmMapExportOptions *options,
               const char               *path,
               GError                  **error)
{
  g_autoptr(MapFigure) figure = NULL;

  g_return_val_if_fail (LM_IS_MODEL (model), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Every check before any file is touched. */
  if (!lm_export_format_from_path (path, NULL, error))
    return FALSE;
  figure = map_figure_new (model, options, error);
  if (figure == NULL)
    return FALSE;
  return lm_export_draw_to_file (path, options->width, options->height,
                                 draw_map_figure, figure, error);
}

cairo_surface_t *
lm_export_map_to_surface (LmModel                  *model,
                          const LmMapExportOptions *options,
                          GError                  **error)
{
  g_autoptr(MapFigure) figure = NULL;

  g_return_val_if_fail (LM_IS_MODEL (model), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  figure = map_figure_new (model, options, error);
  if (figure == NULL)
    return NULL;
  return draw_to_image (options->width, options->height, draw_map_figure, figure, error);
}
