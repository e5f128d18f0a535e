/* lm-map-figure-draw.c — a map figure laid out and drawn: title,
 * legend, scale bar, attribution and the map, whole or strip by strip
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "lm-custom-weights.h"
#include "lm-legend-renderer.h"
#include "lm-map-figure-private.h"
#include "lm-png-writer.h"
#include "lm-text.h"

/* ------------------------------------------------------------------ */
/* The figure                                                         */
/* ------------------------------------------------------------------ */

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

/* Where the parts of a figure go, in pixels. */
typedef struct
{
  double       base;        /* body text size; everything scales with it */
  double       margin;
  double       inner_w;
  PangoLayout *title;
  PangoLayout *subtitle;
  PangoLayout *attribution;
  PangoLayout *provenance;
  double       footer_h;
  double       map_x;
  double       map_y;
  double       map_w;
  double       map_h;
  LmLegendRenderer *legend;
  LmBivariateLegendRenderer *key;  /* instead of @legend on a bivariate map */
  double       legend_x;
  double       legend_y;
  double       legend_w;
  double       legend_h;
  double       pad;
  double       scale_y;     /* the scale bar's offset under the legend */
  gboolean     legend_beside;
} Layout;

static void
layout_clear (Layout *layout)
{
  g_clear_object (&layout->title);
  g_clear_object (&layout->subtitle);
  g_clear_object (&layout->attribution);
  g_clear_object (&layout->provenance);
  g_clear_pointer (&layout->legend, lm_legend_renderer_free);
  g_clear_pointer (&layout->key, lm_bivariate_legend_renderer_free);
}

/**
 * lm_map_figure_describe_provenance:
 *
 * The provenance line under a figure, so that a figure on a slide says
 * how it was made.
 *
 * Returns: (transfer full): a sentence or three
 */
char *
lm_map_figure_describe_provenance (LmMapFigure *self)
{
  LmDataset *dataset = lm_model_get_dataset (self->model);
  g_autofree char *weights = lm_model_describe_weights (self->model);
  g_autofree char *weights_text = NULL;

  LmUncertainty *run = lm_model_get_uncertainty (self->model);
  g_autofree char *draws = run != NULL ? lm_uncertainty_describe_variable (run, self->level, self->variable)
                                       : NULL;

  if (weights != NULL)
    weights_text = g_strdup_printf (_("Weights changed from the official ones: %s."), weights);
  else
    weights_text = g_strdup (_("Official weights."));
  if (draws != NULL)
    {
      char *both = g_strconcat (weights_text, " ", draws, NULL);

      g_free (weights_text);
      weights_text = both;
    }
  if (lm_map_figure_get_bivariate (self) != NULL)
    {
      g_autofree char *classes = lm_bivariate_map_describe_classes (self->bivariate);

      /* TRANSLATORS: provenance line under a bivariate map: app version,
       * dataset title and id, weights sentence, the classes */
      return g_strdup_printf (_("Made with Levelmap %s from %s (%s). %s %s"), PACKAGE_VERSION,
                              lm_dataset_get_title (dataset), lm_dataset_get_id (dataset),
                              weights_text, classes);
    }
  /* TRANSLATORS: provenance line under a figure: app version, dataset
   * title and id, weights sentence, classification method, number of
   * classes, colour scheme */
  return g_strdup_printf (_("Made with Levelmap %s from %s (%s). %s "
                            "Classes: %s, %u classes; colours: %s."),
                          PACKAGE_VERSION,
                          lm_dataset_get_title (dataset),
                          lm_dataset_get_id (dataset),
                          weights_text,
                          lm_classify_method_get_title (self->classification.method),
                          self->classification.n_classes,
                          lm_palette_get_name (self->palette));
}

/* Header and footer text; the map gets the room between them. */
static void
layout_text (LmMapFigure *self,
             cairo_t     *cr,
             Layout      *layout,
             int          height)
{
  LmDataset *dataset = lm_model_get_dataset (self->model);
  const char * const *attributions = lm_dataset_get_attributions (dataset);
  g_autofree char *weights = lm_model_describe_weights (self->model);
  g_autofree char *subtitle = NULL;
  g_autofree char *attribution = NULL;
  g_autofree char *provenance = lm_map_figure_describe_provenance (self);
  double base = layout->base, header_h;

  if (weights != NULL && (self->variable->depends_on_weights ||
                          (lm_map_figure_get_bivariate (self) != NULL &&
                           lm_bivariate_map_get_y (self->bivariate)->depends_on_weights)))
    /* TRANSLATORS: figure subtitle: level, dataset, and a warning that
     * the index was re-weighted */
    subtitle = g_strdup_printf (_("%s · %s · custom weights"),
                                self->level->title, lm_dataset_get_title (dataset));
  else
    subtitle = g_strdup_printf (_("%s · %s"), self->level->title, lm_dataset_get_title (dataset));
  attribution = attributions != NULL ? g_strjoinv ("\n", (char **) attributions) : g_strdup ("");

  if (lm_map_figure_get_bivariate (self) != NULL)
    {
      g_autofree char *title = lm_bivariate_map_get_title (self->bivariate);

      layout->title = text_layout (cr, title, base * 1.9, TRUE, layout->inner_w);
    }
  else
    layout->title = text_layout (cr, self->variable->title, base * 1.9, TRUE, layout->inner_w);
  layout->subtitle = text_layout (cr, subtitle, base * 1.1, FALSE, layout->inner_w);
  header_h = layout_height (layout->title) + base * 0.2 + layout_height (layout->subtitle);
  layout->attribution = text_layout (cr, attribution, base * 0.72, FALSE, layout->inner_w);
  layout->provenance = text_layout (cr, provenance, base * 0.72, FALSE, layout->inner_w);
  layout->footer_h = layout_height (layout->attribution) + base * 0.4 +
                     layout_height (layout->provenance);

  layout->map_x = layout->margin;
  layout->map_y = layout->margin + header_h + base;
  layout->map_w = layout->inner_w;
  layout->map_h = height - layout->margin - layout->footer_h - base * 1.2 - layout->map_y;
  if (layout->map_h < 2 * base)
    layout->map_h = 2 * base;
}

/**
 * lm_map_figure_create_legend:
 *
 * The legend of the last update, as every figure shows it: the
 * variable's title, the classification, the classes with their counts,
 * the left-behind row when the marks are drawn, and the custom-weights
 * note. The caller sets the font and places it.
 *
 * Returns: (transfer full): a new legend
 */
LmLegendRenderer *
lm_map_figure_create_legend (LmMapFigure *self)
{
  LmLegendRenderer *legend;
  g_autofree char *custom = NULL;
  g_autofree char *legend_sub = NULL;

  g_return_val_if_fail (LM_IS_MAP_FIGURE (self), NULL);
  g_return_val_if_fail (self->have_classes, NULL);

  custom = lm_custom_weights_describe (self->model);
  legend_sub = g_strdup_printf (
    /* TRANSLATORS: legend subtitle: classification method, number of classes */
    g_dngettext (GETTEXT_PACKAGE, "%s, %u class", "%s, %u classes", self->classification.n_classes),
    lm_classify_method_get_title (self->classification.method), self->classification.n_classes);
  legend = lm_legend_renderer_new ();
  lm_legend_renderer_set_classes (legend, self->variable, &self->classification, self->colors,
                                  NULL);
  lm_legend_renderer_set_title (legend, self->variable->title, legend_sub);
  lm_legend_renderer_set_custom_weights (legend, custom);
  if (_lm_map_figure_marks_drawn (self))
    {
      /* TRANSLATORS: legend row, e.g. "Left behind: Wards (2017)" */
      g_autofree char *label = g_strdup_printf (_("Left behind: %s"), self->marked_level->title);

      lm_legend_renderer_set_left_behind (legend, TRUE, label, self->n_marked);
    }
  return legend;
}

static void
layout_legend (LmMapFigure *self,
               cairo_t     *cr,
               Layout      *layout)
{
  double base = layout->base;

  layout->pad = round (base * 0.7);
  if (lm_map_figure_get_bivariate (self) != NULL)
    {
      layout->key = lm_bivariate_map_make_legend (self->bivariate, base * 0.95, base * 18);
      lm_bivariate_legend_renderer_measure (layout->key, cr, &layout->legend_w, &layout->legend_h);
      layout->scale_y = layout->legend_h + base * 0.9;
      layout->legend_h = layout->scale_y + scale_bar_height (base);
      return;
    }
  layout->legend = lm_map_figure_create_legend (self);
  lm_legend_renderer_set_font (layout->legend, "Sans", base * 0.95);
  lm_legend_renderer_set_max_width (layout->legend, base * 18);
  lm_legend_renderer_measure (layout->legend, cr, &layout->legend_w, &layout->legend_h);
  /* The scale bar sits under the legend, in the same quiet corner. */
  layout->scale_y = layout->legend_h + base * 0.9;
  layout->legend_h = layout->scale_y + scale_bar_height (base);
}

/* The legend goes in the map corner that hides the fewest areas (the
 * sea, for England); when every corner would hide many, it gets a
 * column of its own beside the map, which narrows the map. */
static void
place_legend (LmMapFigure     *self,
              Layout          *layout,
              const LmMapView *view)
{
  double box_w = layout->legend_w + 2 * layout->pad;
  double box_h = layout->legend_h + 2 * layout->pad;
  double xs[2] = { layout->map_x, layout->map_x + layout->map_w - box_w };
  double ys[2] = { layout->map_y, layout->map_y + layout->map_h - box_h };
  guint best = G_MAXUINT;
  guint n_features = lm_shape_layer_get_n_features (self->level->shapes);

  layout->legend_x = xs[0];
  layout->legend_y = ys[0];
  for (guint c = 0; c < 4; c++)
    {
      guint covered = count_covered (self->level, view, xs[c % 2], ys[c / 2], box_w, box_h);

      if (covered < best)
        {
          best = covered;
          layout->legend_x = xs[c % 2];
          layout->legend_y = ys[c / 2];
        }
    }
  if (best > MAX (n_features / 200, 1) && layout->map_w > 2 * box_w)
    {
      layout->legend_beside = TRUE;
      layout->map_w -= box_w + layout->base;
      layout->legend_x = layout->map_x + layout->map_w + layout->base;
      layout->legend_y = layout->map_y;
    }
}

/* How the map part of a figure is drawn at @view: fills, marks, the
 * outlines of a coarser level (read here if need be), borders when the
 * areas are large enough. */
static void
map_style (LmMapFigure       *self,
           const Layout      *layout,
           const LmMapView   *view,
           cairo_antialias_t  antialias,
           LmMapStyle        *style)
{
  LmDataset *dataset = lm_model_get_dataset (self->model);

  lm_map_style_init (style);
  lm_map_figure_apply (self, style);
  style->antialias = antialias;
  style->outline_level = lm_map_renderer_choose_outline_level (self->level, view);
  if (style->outline_level != NULL && !lm_dataset_ensure_shapes (dataset, style->outline_level, NULL))
    style->outline_level = NULL;
  /* Borders between the areas themselves only when the areas are large
   * enough on the page for them to separate rather than grey out. */
  if (mean_area_size_px (self->level, view) >= 16)
    {
      LmColor border = { 1, 1, 1, 0.8 };

      style->area_border_width = 0.6;
      style->area_border_color = border;
    }
  if (style->outline_level != NULL)
    style->outline_width = MAX (0.7, layout->base / 22);
}

static void
draw_map (LmMapFigure       *self,
          cairo_t           *cr,
          const Layout      *layout,
          const LmMapView   *view,
          gboolean           clip,
          cairo_antialias_t  antialias)
{
  cairo_surface_t *target = cairo_get_target (cr);
  gboolean raster = cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE;
  LmMapStyle style;

  map_style (self, layout, view, antialias, &style);
  if (self->renderer == NULL)
    self->renderer = lm_map_renderer_new ();
  if (!clip && raster)
    {
      /* The view covers the whole figure, so the renderer draws
       * straight into it, in threads. */
      cairo_surface_flush (target);
      lm_map_renderer_render_image (self->renderer, target, self->level, view, &style);
      cairo_surface_mark_dirty (target);
    }
  else if (clip && raster)
    {
      /* A part of the world: rendered apart at the map's size, then
       * painted in its place, so nothing spills into the margins. */
      cairo_surface_t *map = lm_map_renderer_render_new_image (self->renderer, self->level,
                                                               view, &style);

      cairo_save (cr);
      cairo_set_source_surface (cr, map, layout->map_x, layout->map_y);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_surface_destroy (map);
    }
  else
    {
      /* Vector output; lm_map_renderer_draw() clips to the view. */
      cairo_save (cr);
      if (clip)
        cairo_translate (cr, layout->map_x, layout->map_y);
      lm_map_renderer_draw (self->renderer, cr, self->level, view, &style);
      cairo_restore (cr);
    }
  g_debug ("map drawn in %.1f ms", lm_map_renderer_get_last_render_ms (self->renderer));
}

static void
draw_text (cairo_t         *cr,
           const Layout    *layout,
           const LmMapView *view,
           int              height)
{
  LmColor text = { 0.1, 0.1, 0.1, 1 };
  LmColor muted = { 0.35, 0.35, 0.35, 1 };
  double base = layout->base, margin = layout->margin;
  double pad = layout->pad;
  double y;

  /* Title */
  cairo_set_source_rgba (cr, text.red, text.green, text.blue, text.alpha);
  cairo_move_to (cr, margin, margin);
  pango_cairo_show_layout (cr, layout->title);
  cairo_set_source_rgba (cr, muted.red, muted.green, muted.blue, muted.alpha);
  cairo_move_to (cr, margin, margin + layout_height (layout->title) + base * 0.2);
  pango_cairo_show_layout (cr, layout->subtitle);

  /* Legend, on a veil of paper where it overlaps the map */
  if (!layout->legend_beside)
    {
      cairo_set_source_rgba (cr, 1, 1, 1, 0.88);
      cairo_rectangle (cr, layout->legend_x, layout->legend_y,
                       layout->legend_w + 2 * pad, layout->legend_h + 2 * pad);
      cairo_fill (cr);
    }
  if (layout->key != NULL)
    lm_bivariate_legend_renderer_draw (layout->key, cr, layout->legend_x + pad, layout->legend_y + pad);
  else
    lm_legend_renderer_draw (layout->legend, cr, layout->legend_x + pad, layout->legend_y + pad);
  draw_scale_bar (cr, view, layout->legend_x + pad, layout->legend_y + pad + layout->scale_y,
                  MIN (layout->legend_w, base * 10), base);

  /* Footer: a hairline, the attributions, the provenance */
  y = height - margin - layout->footer_h;
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_rectangle (cr, margin, y - base * 0.6, layout->inner_w, 1);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, muted.red, muted.green, muted.blue, muted.alpha);
  cairo_move_to (cr, margin, y);
  pango_cairo_show_layout (cr, layout->attribution);
  cairo_move_to (cr, margin, y + layout_height (layout->attribution) + base * 0.4);
  pango_cairo_show_layout (cr, layout->provenance);
}

/* Lays the figure out: text, legend, the map's place and its view. */
static void
prepare_layout (LmMapFigure    *self,
                cairo_t        *cr,
                int             width,
                int             height,
                const LmBounds *extent,
                Layout         *layout,
                LmMapView      *view)
{
  LmBounds bounds = extent != NULL ? *extent : lm_shape_layer_get_bounds (self->level->shapes);

  layout->base = CLAMP (MIN (width, height) / 90.0, 7.0, 48.0);
  layout->margin = round (layout->base * 1.6);
  layout->inner_w = width - 2 * layout->margin;
  layout_text (self, cr, layout, height);
  layout_legend (self, cr, layout);
  fit_view (view, &bounds, width, height, layout->map_x, layout->map_y, layout->map_w,
            layout->map_h);
  place_legend (self, layout, view);
  if (layout->legend_beside)
    fit_view (view, &bounds, width, height, layout->map_x, layout->map_y, layout->map_w,
              layout->map_h);
}

/**
 * lm_map_figure_draw_map:
 * @self: an updated figure whose shapes are loaded
 * @cr: where to draw
 * @x: the map's rectangle in @cr's user space
 * @y:
 * @width:
 * @height:
 * @extent: (nullable): the world rectangle to show, centred at the
 *   largest scale that shows all of it; NULL for the whole level
 * @base: the text size of the page around it, which scales the outlines
 * @antialias: the fills' antialiasing
 *
 * Only the map, clipped to its rectangle, with the outlines, borders and
 * marks lm_map_figure_draw() gives it: for pages that lay out their own
 * titles and legends (a storyboard's).
 */
void
lm_map_figure_draw_map (LmMapFigure       *self,
                        cairo_t           *cr,
                        double             x,
                        double             y,
                        double             width,
                        double             height,
                        const LmBounds    *extent,
                        double             base,
                        cairo_antialias_t  antialias)
{
  Layout layout = { 0 };
  LmBounds bounds;
  LmMapView view;

  g_return_if_fail (LM_IS_MAP_FIGURE (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (self->have_classes && self->level != NULL && self->level->shapes != NULL);

  if (width < 1 || height < 1)
    return;
  bounds = extent != NULL ? *extent : lm_shape_layer_get_bounds (self->level->shapes);
  layout.base = base;
  layout.map_x = x;
  layout.map_y = y;
  layout.map_w = width;
  layout.map_h = height;
  lm_map_view_fit (&view, &bounds, (int) width, (int) height, 0);
  draw_map (self, cr, &layout, &view, TRUE, antialias);
}

void
lm_map_figure_draw (LmMapFigure       *self,
                    cairo_t           *cr,
                    int                width,
                    int                height,
                    const LmBounds    *extent,
                    cairo_antialias_t  antialias)
{
  Layout layout = { 0 };
  LmMapView view;

  g_return_if_fail (LM_IS_MAP_FIGURE (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (self->have_classes && self->level != NULL && self->level->shapes != NULL);

  /* Paper */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  prepare_layout (self, cr, width, height, extent, &layout, &view);
  if (extent == NULL)
    draw_map (self, cr, &layout, &view, FALSE, antialias);
  else
    {
      /* The same scale and centre, in a view of the map's own size. */
      LmMapView part;

      lm_map_view_fit (&part, extent, (int) layout.map_w, (int) layout.map_h, 0);
      draw_map (self, cr, &layout, &part, TRUE, antialias);
    }
  draw_text (cr, &layout, &view, height);
  layout_clear (&layout);
}

/* Painting a PNG strip by strip (lm_map_figure_write_png()) */
typedef struct
{
  Layout          *layout;
  LmMapView       *view;
  LmMapRenderJob  *job;
  int              height;
  GMutex           text_lock;   /* Pango layouts are not thread-safe */
  PangoFontMap    *fonts;       /* those @layout was made with */
} Strips;

/* Whether rows [y0, y1) hold any of the figure's text, legend or lines
 * drawn over the map. */
static gboolean
strip_has_text (const Layout *layout,
                int           height,
                int           y0,
                int           y1)
{
  double footer = height - layout->margin - layout->footer_h - layout->base * 0.6;
  double legend_bottom = layout->legend_y + layout->legend_h + 2 * layout->pad;

  return y0 < layout->map_y || y1 > footer - 1 ||
         (y1 > layout->legend_y - 1 && y0 < legend_bottom + 1);
}

static void
paint_strip (cairo_surface_t *rows,
             int              first_row,
             guint            slot,
             gpointer         user_data)
{
  Strips *strips = user_data;
  int n_rows = cairo_image_surface_get_height (rows);
  cairo_t *cr = cairo_create (rows);

  cairo_translate (cr, 0, -first_row);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_surface_flush (rows);
  lm_map_render_job_draw_rows (strips->job, rows, first_row, slot);
  cairo_surface_mark_dirty (rows);
  if (strip_has_text (strips->layout, strips->height, first_row, first_row + n_rows))
    {
      g_mutex_lock (&strips->text_lock);
      /* The legend and scale bar lay out text as they draw: with the
       * fonts the layouts were made with, rather than the thread's own
       * font map that would load them all again. Safe to share, as all
       * text is drawn under the lock. */
      if (pango_cairo_font_map_get_default () != strips->fonts)
        pango_cairo_font_map_set_default (PANGO_CAIRO_FONT_MAP (strips->fonts));
      draw_text (cr, strips->layout, strips->view, strips->height);
      g_mutex_unlock (&strips->text_lock);
    }
  cairo_destroy (cr);
}

/* The renderer's polygons, built on another core while the text is laid
 * out (lm_map_renderer_prepare_geometry()). */
typedef struct
{
  LmMapRenderer *renderer;
  LmLevel       *level;
  LmLevel       *outline_level;
  LmLevel       *marked_level;
} Geometry;

static gpointer
prepare_geometry (gpointer data)
{
  Geometry *geometry = data;

  lm_map_renderer_prepare_geometry (geometry->renderer, geometry->level,
                                    geometry->outline_level, geometry->marked_level);
  return NULL;
}

static GThread *
start_geometry (LmMapFigure *self,
                int          width,
                int          height,
                Geometry    *geometry)
{
  LmBounds bounds = lm_shape_layer_get_bounds (self->level->shapes);
  LmMapView whole;

  /* The outlines are chosen by the scale, which the text's room will
   * shrink a little: the whole picture's is near enough, and a level
   * chosen otherwise after all is built when drawn. */
  lm_map_view_fit (&whole, &bounds, width, height, 0);
  geometry->renderer = self->renderer;
  geometry->level = self->level;
  geometry->outline_level = lm_map_renderer_choose_outline_level (self->level, &whole);
  geometry->marked_level = _lm_map_figure_marks_drawn (self) ? self->marked_level : NULL;
  return g_thread_new ("lm-geometry", prepare_geometry, geometry);
}

/**
 * lm_map_figure_write_png:
 * @self: an updated figure whose shapes are loaded
 * @path: the PNG file to write (atomically)
 * @width: figure width in pixels
 * @height: figure height in pixels
 * @antialias: the fills' antialiasing
 * @error: the PNG writer's errors
 *
 * The figure of lm_map_figure_draw() for the whole level, painted strip
 * by strip on every core and compressed as it is painted: the memory is
 * a strip per core rather than the whole picture.
 */
gboolean
lm_map_figure_write_png (LmMapFigure        *self,
                         const char         *path,
                         int                 width,
                         int                 height,
                         cairo_antialias_t   antialias,
                         GError            **error)
{
  g_autoptr(LmMapRenderJob) job = NULL;
  cairo_surface_t *measure;
  cairo_t *cr;
  Layout layout = { 0 };
  LmMapView view;
  LmMapStyle style;
  Strips strips;
  Geometry geometry;
  GThread *geometry_thread;
  gboolean ok;

  g_return_val_if_fail (LM_IS_MAP_FIGURE (self), FALSE);
  g_return_val_if_fail (self->have_classes && self->level != NULL && self->level->shapes != NULL,
                        FALSE);

  /* Text is measured as on the picture itself: image surfaces of any
   * size share their font options. */
  if (self->renderer == NULL)
    self->renderer = lm_map_renderer_new ();
  geometry_thread = start_geometry (self, width, height, &geometry);
  measure = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (measure);
  prepare_layout (self, cr, width, height, NULL, &layout, &view);
  g_thread_join (geometry_thread);
  map_style (self, &layout, &view, antialias, &style);
  job = lm_map_renderer_begin_rows (self->renderer, self->level, &view, &style);

  strips.layout = &layout;
  strips.view = &view;
  strips.job = job;
  strips.height = height;
  strips.fonts = pango_cairo_font_map_get_default ();
  g_mutex_init (&strips.text_lock);
  ok = lm_png_write_strips (path, width, height, -1, paint_strip, &strips, error);
  g_mutex_clear (&strips.text_lock);
  layout_clear (&layout);
  cairo_destroy (cr);
  cairo_surface_destroy (measure);
  return ok;
}
