/* lm-storyboard-export.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page is laid out here rather than by LmMapFigure, whose text is a
 * fixed share of the figure's own size: on a page the caption, legend and
 * plot take their sizes from the page, the legend stands beside the map
 * and the plot beside both. The map itself, its colours and its legend's
 * rows come from LmMapFigure, so they are those of every other figure.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "lm-custom-weights.h"
#include "lm-map-figure.h"
#include "lm-png-writer.h"
#include "lm-scatter-renderer.h"
#include "lm-storyboard-export.h"
#include "lm-text.h"

/* SVG and PDF are measured in points; pages are laid out in pixels at 96
 * per inch, as every figure is (see lm-export.c). */
#define PT_PER_PX 0.75

static const LmColor ink = { 0.1, 0.1, 0.1, 1 };
static const LmColor muted = { 0.35, 0.35, 0.35, 1 };
static const LmColor accent = { 0.72, 0.28, 0.0, 1 };

/* Text */

static void
set_color (cairo_t       *cr,
           const LmColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
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
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  lm_text_layout_setup (layout, NULL, size, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL, text);
  return layout;
}

static double
show_text (cairo_t       *cr,
           PangoLayout   *layout,
           const LmColor *color,
           double         x,
           double         y)
{
  double height;

  set_color (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  lm_text_layout_get_size (layout, NULL, &height);
  return height;
}

/* The page */

typedef struct
{
  double  base;      /* body text size; everything scales with it */
  double  margin;
  double  inner_w;
  double  body_y;
  double  body_h;
} Page;

/* Title, key message and the custom-weights marker; returns their
 * height. */
static double
draw_caption (cairo_t *cr,
              Page    *page,
              LmScene *scene,
              LmModel *model)
{
  g_autofree char *custom = lm_custom_weights_describe (model);
  double x = page->margin, y = page->margin, base = page->base;

  if (*lm_scene_get_title (scene) != '\0')
    {
      g_autoptr(PangoLayout) title = text_layout (cr, lm_scene_get_title (scene), base * 1.9,
                                                  TRUE, page->inner_w);

      y += show_text (cr, title, &ink, x, y) + base * 0.3;
    }
  if (*lm_scene_get_message (scene) != '\0')
    {
      g_autoptr(PangoLayout) message = text_layout (cr, lm_scene_get_message (scene),
                                                    base * 1.15, FALSE, page->inner_w);

      y += show_text (cr, message, &ink, x, y) + base * 0.3;
    }
  if (custom != NULL)
    {
      g_autoptr(PangoLayout) label = text_layout (cr, _("Custom weights"), base * 0.9, TRUE,
                                                  page->inner_w);
      g_autoptr(PangoLayout) text = NULL;
      double label_w, height;

      lm_text_layout_get_size (label, &label_w, NULL);
      text = text_layout (cr, custom, base * 0.9, FALSE, page->inner_w - label_w - base * 1.2);
      set_color (cr, &accent);
      cairo_rectangle (cr, x, y, base * 0.25, base * 1.2);
      cairo_fill (cr);
      show_text (cr, label, &accent, x + base * 0.6, y);
      height = show_text (cr, text, &ink, x + base * 1.2 + label_w, y);
      y += height + base * 0.3;
    }
  return y - page->margin;
}

/* Attributions, provenance and the page counter; returns their height,
 * measured from the page's foot. */
static double
draw_footer (cairo_t                         *cr,
             Page                            *page,
             LmMapFigure                     *figure,
             guint                            index,
             guint                            n_scenes,
             const LmStoryboardExportOptions *options,
             int                              height)
{
  LmDataset *dataset = lm_model_get_dataset (lm_map_figure_get_model (figure));
  const char * const *attributions = lm_dataset_get_attributions (dataset);
  g_autofree char *credits = attributions != NULL ? g_strjoinv (" ", (char **) attributions)
                                                  : g_strdup ("");
  g_autofree char *provenance = lm_map_figure_get_classification (figure) != NULL
                                ? lm_map_figure_describe_provenance (figure) : g_strdup ("");
  g_autofree char *counter = NULL;
  g_autoptr(PangoLayout) counter_layout = NULL;
  g_autoptr(PangoLayout) text = NULL;
  g_autofree char *joined = NULL;
  double base = page->base, counter_w, text_h, y;

  if (options->title != NULL && *options->title != '\0')
    /* Translators: a page footer, "Scene 2 of 5 · Left behind (2019)" */
    counter = g_strdup_printf (_("Scene %u of %u · %s"), index + 1, n_scenes, options->title);
  else
    /* Translators: a page footer */
    counter = g_strdup_printf (_("Scene %u of %u"), index + 1, n_scenes);
  counter_layout = text_layout (cr, counter, base * 0.75, TRUE, page->inner_w / 3);
  lm_text_layout_get_size (counter_layout, &counter_w, NULL);
  joined = g_strconcat (credits, "\n", provenance, NULL);
  text = text_layout (cr, joined, base * 0.62, FALSE, page->inner_w - counter_w - base * 2);
  lm_text_layout_get_size (text, NULL, &text_h);

  y = height - page->margin - text_h;
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_rectangle (cr, page->margin, y - base * 0.5, page->inner_w, 1);
  cairo_fill (cr);
  show_text (cr, text, &muted, page->margin, y);
  show_text (cr, counter_layout, &muted, page->margin + page->inner_w - counter_w, y);
  return text_h + base * 0.5;
}

static void
draw_message (cairo_t    *cr,
              Page       *page,
              const char *message,
              double      x,
              double      y,
              double      w)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, message, page->base, FALSE, w);

  show_text (cr, layout, &muted, x, y);
}

/* The legend in a column of its own, then the map beside it. */
static void
draw_map_column (cairo_t     *cr,
                 Page        *page,
                 LmMapFigure *figure,
                 LmView      *view,
                 double       x,
                 double       width)
{
  g_autoptr(LmLegendRenderer) legend = lm_map_figure_create_legend (figure);
  double base = page->base, legend_w, legend_h;

  lm_legend_renderer_set_font (legend, "Sans", base * 0.8);
  lm_legend_renderer_set_max_width (legend, MIN (base * 13, width * 0.35));
  lm_legend_renderer_set_foreground (legend, &ink);
  lm_legend_renderer_measure (legend, cr, &legend_w, &legend_h);
  lm_legend_renderer_draw (legend, cr, x, page->body_y);
  lm_map_figure_draw_map (figure, cr, x + legend_w + base, page->body_y,
                          width - legend_w - base, page->body_h, lm_view_get_extent (view),
                          base * 0.6, CAIRO_ANTIALIAS_DEFAULT);
}

/* The plot's title, then the plot with its statistics. */
static void
draw_plot_column (cairo_t  *cr,
                  Page     *page,
                  LmView   *view,
                  double    x,
                  double    width)
{
  LmModel *model = lm_view_get_model (view);
  g_autoptr(GError) error = NULL;
  g_autoptr(LmScatterRenderer) plot = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autofree char *title_text = NULL;
  LmSelection *selection = lm_view_get_selection (view);
  double title_h;

  plot = lm_scatter_renderer_new_for_model (model, lm_view_get_plot_level (view),
                                            lm_view_get_plot_x (view), lm_view_get_plot_y (view),
                                            &error);
  if (plot == NULL)
    {
      draw_message (cr, page, error->message, x, page->body_y, width);
      return;
    }
  lm_scatter_renderer_set_weighted (plot, lm_view_get_weighted (view));
  lm_scatter_renderer_set_colour_by (plot, LM_SCATTER_COLOUR_REGION);
  lm_scatter_renderer_set_show_cutoffs (plot, TRUE);
  lm_scatter_renderer_set_font (plot, "Sans", page->base / 14);
  title_text = lm_scatter_get_figure_title (lm_model_get_dataset (model),
                                            lm_view_get_plot_level (view),
                                            lm_scatter_renderer_get_x (plot),
                                            lm_scatter_renderer_get_y (plot));
  title = text_layout (cr, title_text, page->base * 1.05, TRUE, width);
  title_h = show_text (cr, title, &ink, x, page->body_y) + page->base * 0.4;

  cairo_save (cr);
  cairo_translate (cr, x, page->body_y + title_h);
  lm_scatter_renderer_draw (plot, cr, width, page->body_h - title_h);
  lm_scatter_renderer_draw_overlay (plot, cr,
                                    lm_selection_is_empty (selection) ? NULL
                                    : lm_selection_get_mask (selection,
                                                             lm_scatter_renderer_get_level (plot)),
                                    -1);
  cairo_restore (cr);
}

static LmMapFigure *
figure_for_view (LmView  *view,
                 GError **error)
{
  g_autoptr(LmMapFigure) figure = lm_map_figure_new (lm_view_get_model (view));
  LmClassifyMethod method = LM_CLASSIFY_QUANTILE;

  lm_classify_method_from_string (lm_view_get_method (view), &method);
  lm_map_figure_set_level (figure, lm_view_get_level (view));
  lm_map_figure_set_variable (figure, lm_view_get_variable (view));
  lm_map_figure_set_method (figure, method);
  lm_map_figure_set_n_classes (figure, lm_view_get_n_classes (view));
  lm_map_figure_set_palette (figure, lm_view_get_palette (view));
  lm_map_figure_set_show_left_behind (figure, lm_view_get_show_left_behind (view));
  lm_map_figure_set_show_selection (figure, TRUE);
  if (lm_map_figure_update (figure, error))
    lm_map_figure_ensure_shapes (figure, error);
  return g_steal_pointer (&figure);
}

/* Public API */

void
lm_storyboard_export_options_init (LmStoryboardExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->width = 1920;
  options->height = 1080;
}

gboolean
lm_storyboard_draw_page (LmView                          *view,
                         LmScene                         *scene,
                         guint                            index,
                         guint                            n_scenes,
                         const LmStoryboardExportOptions *options,
                         cairo_t                         *cr,
                         GError                         **error)
{
  g_autoptr(LmMapFigure) figure = NULL;
  g_autoptr(GError) map_error = NULL;
  gboolean complete;
  double map_w, caption_h, footer_h;
  Page page;

  g_return_val_if_fail (LM_IS_VIEW (view) && lm_view_get_model (view) != NULL, FALSE);
  g_return_val_if_fail (LM_IS_SCENE (scene), FALSE);
  g_return_val_if_fail (options != NULL && cr != NULL, FALSE);

  complete = lm_scene_apply (scene, view, error);
  figure = figure_for_view (view, &map_error);

  page.base = round (options->height / 54.0);
  page.margin = round (page.base * 1.6);
  page.inner_w = options->width - 2 * page.margin;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  caption_h = draw_caption (cr, &page, scene, lm_view_get_model (view));
  footer_h = draw_footer (cr, &page, figure, index, n_scenes, options, options->height);
  page.body_y = page.margin + caption_h + page.base * 0.7;
  page.body_h = options->height - page.margin - footer_h - page.base * 0.8 - page.body_y;

  map_w = lm_scene_get_show_plot (scene) ? round (page.inner_w * 0.56) : page.inner_w;
  if (map_error != NULL)
    draw_message (cr, &page, map_error->message, page.margin, page.body_y, map_w);
  else
    draw_map_column (cr, &page, figure, view, page.margin, map_w);
  if (lm_scene_get_show_plot (scene))
    draw_plot_column (cr, &page, view, page.margin + map_w + page.base * 1.5,
                      page.inner_w - map_w - page.base * 1.5);
  cairo_restore (cr);
  return complete;
}

static void
add_warning (GPtrArray *warnings,
             LmScene   *scene,
             guint      index,
             GError    *error)
{
  if (warnings == NULL || error == NULL)
    return;
  /* Translators: “Scene 3 (Left-behind wards): these data have no …” */
  g_ptr_array_add (warnings, g_strdup_printf (_("Scene %u (%s): %s"), index + 1,
                                              lm_scene_get_title (scene), error->message));
}

/* The PDF goes through a GFileOutputStream of g_file_replace(): closed
 * with a cancelled cancellable, it leaves the old file in place. */
typedef struct
{
  GOutputStream *stream;
  GError        *error;   /* the first write failure */
} PdfStream;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  PdfStream *out = closure;

  if (out->error != NULL ||
      !g_output_stream_write_all (out->stream, data, length, NULL, NULL, &out->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
draw_pdf_pages (LmView                          *view,
                LmStoryboard                    *storyboard,
                cairo_surface_t                 *surface,
                const LmStoryboardExportOptions *options,
                LmStoryboardProgressFunc         progress,
                gpointer                         progress_data,
                GCancellable                    *cancellable,
                GPtrArray                       *warnings)
{
  guint n = lm_storyboard_get_n_scenes (storyboard);
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, PT_PER_PX, PT_PER_PX);
  for (guint i = 0; i < n && !g_cancellable_is_cancelled (cancellable); i++)
    {
      LmScene *scene = lm_storyboard_get_scene (storyboard, i);
      g_autoptr(GError) incomplete = NULL;

      if (!lm_storyboard_draw_page (view, scene, i, n, options, cr, &incomplete))
        add_warning (warnings, scene, i, incomplete);
      cairo_show_page (cr);
      if (progress != NULL)
        progress (i + 1, n, progress_data);
    }
  cairo_destroy (cr);
  return !g_cancellable_is_cancelled (cancellable);
}

gboolean
lm_storyboard_export_pdf (LmView                          *view,
                          LmStoryboard                    *storyboard,
                          const char                      *path,
                          const LmStoryboardExportOptions *options,
                          LmStoryboardProgressFunc         progress,
                          gpointer                         progress_data,
                          GCancellable                    *cancellable,
                          GPtrArray                       *warnings,
                          GError                         **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abandon = g_cancellable_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *display = NULL;
  PdfStream out = { NULL, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  gboolean complete;

  g_return_val_if_fail (LM_IS_VIEW (view) && lm_view_get_model (view) != NULL, FALSE);
  g_return_val_if_fail (LM_IS_STORYBOARD (storyboard), FALSE);
  g_return_val_if_fail (path != NULL && options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  file = g_file_new_for_path (path);
  display = g_filename_display_name (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &local);
  if (stream == NULL)
    {
      /* Translators: a file name, then the system's reason */
      g_set_error (error, G_IO_ERROR, local->code, _("Could not write “%s”: %s"), display,
                   local->message);
      return FALSE;
    }
  out.stream = G_OUTPUT_STREAM (stream);
  surface = cairo_pdf_surface_create_for_stream (write_to_stream, &out,
                                                 options->width * PT_PER_PX,
                                                 options->height * PT_PER_PX);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "Levelmap " PACKAGE_VERSION);
  if (options->title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, options->title);
  complete = draw_pdf_pages (view, storyboard, surface, options, progress, progress_data,
                             cancellable, warnings);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!complete || status != CAIRO_STATUS_SUCCESS || out.error != NULL)
    {
      g_cancellable_cancel (abandon);
      g_output_stream_close (out.stream, abandon, NULL);
      if (!complete)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("The export was cancelled."));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), display,
                     out.error != NULL ? out.error->message : cairo_status_to_string (status));
      g_clear_error (&out.error);
      return FALSE;
    }
  if (!g_output_stream_close (out.stream, NULL, &local))
    {
      g_set_error (error, G_IO_ERROR, local->code, _("Could not write “%s”: %s"), display,
                   local->message);
      return FALSE;
    }
  return TRUE;
}

char *
lm_storyboard_png_name (LmScene *scene,
                        guint    index)
{
  g_autofree char *ascii = g_str_to_ascii (lm_scene_get_title (scene), "C");
  g_autoptr(GString) slug = g_string_new (NULL);

  g_return_val_if_fail (LM_IS_SCENE (scene), NULL);

  for (const char *p = ascii; *p != '\0' && slug->len < 40; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "scene");
  return g_strdup_printf ("%02u-%s.png", index + 1, slug->str);
}

gboolean
lm_storyboard_export_pngs (LmView                          *view,
                           LmStoryboard                    *storyboard,
                           const char                      *folder,
                           const LmStoryboardExportOptions *options,
                           LmStoryboardProgressFunc         progress,
                           gpointer                         progress_data,
                           GCancellable                    *cancellable,
                           GPtrArray                       *files,
                           GPtrArray                       *warnings,
                           GError                         **error)
{
  guint n;

  g_return_val_if_fail (LM_IS_VIEW (view) && lm_view_get_model (view) != NULL, FALSE);
  g_return_val_if_fail (LM_IS_STORYBOARD (storyboard), FALSE);
  g_return_val_if_fail (folder != NULL && options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n = lm_storyboard_get_n_scenes (storyboard);
  for (guint i = 0; i < n; i++)
    {
      LmScene *scene = lm_storyboard_get_scene (storyboard, i);
      g_autoptr(GError) incomplete = NULL;
      g_autofree char *name = lm_storyboard_png_name (scene, i);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      cairo_surface_t *image;
      cairo_t *cr;
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, options->width, options->height);
      cr = cairo_create (image);
      if (!lm_storyboard_draw_page (view, scene, i, n, options, cr, &incomplete))
        add_warning (warnings, scene, i, incomplete);
      cairo_destroy (cr);
      ok = lm_png_write_surface (image, path, -1, error);
      cairo_surface_destroy (image);
      if (!ok)
        return FALSE;
      if (files != NULL)
        g_ptr_array_add (files, g_steal_pointer (&path));
      if (progress != NULL)
        progress (i + 1, n, progress_data);
    }
  return TRUE;
}
