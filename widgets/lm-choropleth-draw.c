/* lm-choropleth-draw.c — the map widget: snapshot, overlays, the clipboard image
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lm-choropleth-private.h"

#define OVERLAY_MARGIN 8.0
#define SCALE_BAR_MAX_PX 120.0

static void
get_foreground (LmChoropleth *self,
                GdkRGBA      *fg,
                GdkRGBA      *bg)
{
  gboolean dark = is_dark ();

  *fg = dark ? (GdkRGBA) { 1, 1, 1, 0.92 } : (GdkRGBA) { 0, 0, 0, 0.85 };
  *bg = dark ? (GdkRGBA) { 0.12, 0.12, 0.12, 0.78 } : (GdkRGBA) { 1, 1, 1, 0.8 };
}

/* The longest round length (1, 2 or 5 × 10^k metres) that fits in
 * @max_px at @metres_per_pixel. */
static double
scale_bar_length (double metres_per_pixel,
                  double max_px)
{
  double max_m = metres_per_pixel * max_px;
  double p = pow (10, floor (log10 (max_m)));

  if (5 * p <= max_m)
    return 5 * p;
  if (2 * p <= max_m)
    return 2 * p;
  return p;
}

static void
ensure_layouts (LmChoropleth *self)
{
  PangoAttrList *attrs;

  if (self->scale_layout != NULL)
    return;
  self->scale_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "");
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
  pango_layout_set_attributes (self->scale_layout, attrs);

  /* The dataset's short credit line is set when drawn. */
  self->attribution_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "");
  pango_layout_set_attributes (self->attribution_layout, attrs);
  /* Two lines at most in a narrow map, then ellipsized. */
  pango_layout_set_wrap (self->attribution_layout, PANGO_WRAP_WORD);
  pango_layout_set_height (self->attribution_layout, -2);
  pango_layout_set_ellipsize (self->attribution_layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (self->attribution_layout, PANGO_ALIGN_RIGHT);
  pango_attr_list_unref (attrs);

  self->message_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  _lm_choropleth_set_message_layout_text (self);
  pango_layout_set_alignment (self->message_layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (self->message_layout, PANGO_WRAP_WORD_CHAR);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_scale_new (1.2));
  pango_layout_set_attributes (self->message_layout, attrs);
  pango_attr_list_unref (attrs);
  self->scale_bar_metres = 0;
}

static void
update_scale_text (LmChoropleth *self,
                   double        metres)
{
  if (metres == self->scale_bar_metres)
    return;
  self->scale_bar_metres = metres;
  if (metres >= 1000)
    /* Translators: scale bar length */
    g_snprintf (self->scale_text, sizeof self->scale_text, _("%g km"), metres / 1000);
  else
    /* Translators: scale bar length */
    g_snprintf (self->scale_text, sizeof self->scale_text, _("%g m"), metres);
  pango_layout_set_text (self->scale_layout, self->scale_text, -1);
}

static void
snapshot_scale_bar (LmChoropleth *self,
                    GtkSnapshot  *snapshot,
                    const GdkRGBA *fg,
                    const GdkRGBA *bg)
{
  double metres = scale_bar_length (view_of (self)->metres_per_pixel, SCALE_BAR_MAX_PX);
  double px = metres / view_of (self)->metres_per_pixel;
  PangoRectangle ink, logical;
  double box_w, box_h, x0, y0;

  update_scale_text (self, metres);
  pango_layout_get_pixel_extents (self->scale_layout, &ink, &logical);
  box_w = MAX (px, logical.width) + 12;
  box_h = logical.height + 6 + 6 + 4;
  x0 = OVERLAY_MARGIN;
  y0 = view_of (self)->height - OVERLAY_MARGIN - box_h;
  if (y0 < 0 || box_w + 2 * OVERLAY_MARGIN > view_of (self)->width)
    return;

  gtk_snapshot_append_color (snapshot, bg, &GRAPHENE_RECT_INIT (x0, y0, box_w, box_h));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x0 + 6, y0 + 3));
  gtk_snapshot_append_layout (snapshot, self->scale_layout, fg);
  gtk_snapshot_restore (snapshot);
  /* The bar with end ticks. */
  {
    double bx = x0 + 6, by = y0 + box_h - 6;

    gtk_snapshot_append_color (snapshot, fg, &GRAPHENE_RECT_INIT (bx, by - 2, px, 2));
    gtk_snapshot_append_color (snapshot, fg, &GRAPHENE_RECT_INIT (bx, by - 6, 1.5, 6));
    gtk_snapshot_append_color (snapshot, fg, &GRAPHENE_RECT_INIT (bx + px - 1.5, by - 6, 1.5, 6));
  }
}

/* The dataset's one-line credit, unless a page around the map gives it
 * (lm_choropleth_set_show_attribution()). */
static const char *
shown_credit (LmChoropleth *self)
{
  if (self->hide_attribution || self->dataset == NULL)
    return NULL;
  return lm_dataset_get_attribution_line (self->dataset);
}

static void
snapshot_attribution (LmChoropleth *self,
                      GtkSnapshot  *snapshot,
                      const GdkRGBA *fg,
                      const GdkRGBA *bg)
{
  PangoRectangle logical;
  double max_w = view_of (self)->width - 2 * OVERLAY_MARGIN - SCALE_BAR_MAX_PX - 24;
  double x0, y0;
  const char *credit = shown_credit (self);

  if (max_w < 80 || credit == NULL || credit[0] == '\0')
    return;
  /* Compared, not re-set: setting the text invalidates the layout. */
  if (g_strcmp0 (pango_layout_get_text (self->attribution_layout), credit) != 0)
    pango_layout_set_text (self->attribution_layout, credit, -1);
  pango_layout_set_width (self->attribution_layout, (int) (max_w * PANGO_SCALE));
  pango_layout_get_pixel_extents (self->attribution_layout, NULL, &logical);
  x0 = view_of (self)->width - OVERLAY_MARGIN - logical.width - 8;
  y0 = view_of (self)->height - OVERLAY_MARGIN - logical.height - 4;
  gtk_snapshot_append_color (snapshot, bg,
                             &GRAPHENE_RECT_INIT (x0, y0, logical.width + 8, logical.height + 4));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x0 + 4 - logical.x, y0 + 2));
  gtk_snapshot_append_layout (snapshot, self->attribution_layout, fg);
  gtk_snapshot_restore (snapshot);
}

/* Where snapshot_scale_bar() and snapshot_attribution() draw, with
 * OVERLAY_MARGIN around: at most two rectangles in @rects. */
static guint
get_own_overlays (LmChoropleth *self,
                  LmMapRect    *rects)
{
  double w = view_of (self)->width, h = view_of (self)->height;
  const char *credit = shown_credit (self);
  double max_w = w - 2 * OVERLAY_MARGIN - SCALE_BAR_MAX_PX - 24;
  PangoRectangle logical;
  guint n = 0;

  ensure_layouts (self);
  /* The scale bar at its longest. */
  pango_layout_get_pixel_extents (self->scale_layout, NULL, &logical);
  {
    double box_h = MAX (logical.height, 12) + 16;

    rects[n++] = (LmMapRect) { 0, h - box_h - 2 * OVERLAY_MARGIN,
                               SCALE_BAR_MAX_PX + 12 + 2 * OVERLAY_MARGIN,
                               box_h + 2 * OVERLAY_MARGIN };
  }
  if (max_w >= 80 && credit != NULL && credit[0] != '\0')
    {
      if (g_strcmp0 (pango_layout_get_text (self->attribution_layout), credit) != 0)
        pango_layout_set_text (self->attribution_layout, credit, -1);
      pango_layout_set_width (self->attribution_layout, (int) (max_w * PANGO_SCALE));
      pango_layout_get_pixel_extents (self->attribution_layout, NULL, &logical);
      rects[n++] = (LmMapRect) { w - logical.width - 8 - 2 * OVERLAY_MARGIN,
                                 h - logical.height - 4 - 2 * OVERLAY_MARGIN,
                                 logical.width + 8 + 2 * OVERLAY_MARGIN,
                                 logical.height + 4 + 2 * OVERLAY_MARGIN };
    }
  return n;
}

void
_lm_choropleth_update_covered (LmChoropleth *self)
{
  LmMapRect rects[LM_MAP_VIEWPORT_MAX_COVERED];
  guint n;

  if (!lm_map_viewport_is_sized (self->viewport))
    return;
  n = get_own_overlays (self, rects);
  for (guint i = 0; i < self->overlays->len && n < G_N_ELEMENTS (rects); i++)
    {
      g_autoptr(GtkWidget) overlay = g_weak_ref_get (g_ptr_array_index (self->overlays, i));
      graphene_rect_t bounds;

      if (overlay == NULL || !gtk_widget_get_mapped (overlay) ||
          !gtk_widget_compute_bounds (overlay, GTK_WIDGET (self), &bounds) ||
          bounds.size.width < 1 || bounds.size.height < 1)
        continue;
      rects[n++] = (LmMapRect) { floor (bounds.origin.x), floor (bounds.origin.y),
                                 ceil (bounds.size.width), ceil (bounds.size.height) };
    }
  {
    LmMapView before = *view_of (self);

    lm_map_viewport_set_covered (self->viewport, rects, n);
    if (memcmp (&before, view_of (self), sizeof before) != 0)
      _lm_choropleth_view_changed (self);
  }
}

/* Where the keyboard points, while it is on the map: the area under
 * this cross is the one Enter selects. */
static void
snapshot_crosshair (LmChoropleth  *self,
                    GtkSnapshot   *snapshot,
                    const GdkRGBA *fg,
                    const GdkRGBA *bg)
{
  double cx = round (view_of (self)->width / 2.0), cy = round (view_of (self)->height / 2.0);

  if (!gtk_widget_has_visible_focus (GTK_WIDGET (self)) || !have_geometry (self))
    return;
  /* A light casing under a dark cross reads on any colour. */
  gtk_snapshot_append_color (snapshot, bg, &GRAPHENE_RECT_INIT (cx - 11, cy - 2, 22, 4));
  gtk_snapshot_append_color (snapshot, bg, &GRAPHENE_RECT_INIT (cx - 2, cy - 11, 4, 22));
  gtk_snapshot_append_color (snapshot, fg, &GRAPHENE_RECT_INIT (cx - 10, cy - 1, 20, 2));
  gtk_snapshot_append_color (snapshot, fg, &GRAPHENE_RECT_INIT (cx - 1, cy - 10, 2, 20));
}

static void
snapshot_message (LmChoropleth *self,
                  GtkSnapshot  *snapshot,
                  const GdkRGBA *fg,
                  const GdkRGBA *bg)
{
  PangoRectangle logical;
  double w = MIN (view_of (self)->width - 48, 480);
  double x0, y0;

  if (w < 40)
    return;
  pango_layout_set_width (self->message_layout, (int) (w * PANGO_SCALE));
  pango_layout_get_pixel_extents (self->message_layout, NULL, &logical);
  x0 = (view_of (self)->width - w) / 2;
  y0 = (view_of (self)->height - logical.height) / 2;
  gtk_snapshot_append_color (snapshot, bg,
                             &GRAPHENE_RECT_INIT (x0 - 12, y0 - 12, w + 24, logical.height + 24));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x0, y0));
  gtk_snapshot_append_layout (snapshot, self->message_layout, fg);
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_hover (LmChoropleth *self,
                GtkSnapshot  *snapshot)
{
  const LmShapeFeature *feature;
  double x0, y0, x1, y1;
  graphene_rect_t rect;
  LmColor color;
  cairo_t *cr;
  int f;

  if (self->hover_area < 0 || !have_geometry (self) || (guint) self->hover_area >= self->level->n_areas)
    return;
  f = self->level->feature[self->hover_area];
  if (f < 0)
    return;
  feature = lm_shape_layer_get_feature (self->level->shapes, f);
  lm_map_view_world_to_pixel (view_of (self), feature->bounds.xmin, feature->bounds.ymax, &x0, &y0);
  lm_map_view_world_to_pixel (view_of (self), feature->bounds.xmax, feature->bounds.ymin, &x1, &y1);
  x0 = MAX (floor (x0) - 4, -4);
  y0 = MAX (floor (y0) - 4, -4);
  x1 = MIN (ceil (x1) + 4, view_of (self)->width + 4);
  y1 = MIN (ceil (y1) + 4, view_of (self)->height + 4);
  if (x1 <= x0 || y1 <= y0)
    return;
  graphene_rect_init (&rect, x0, y0, x1 - x0, y1 - y0);
  color = is_dark () ? (LmColor) { 1, 1, 1, 1 } : (LmColor) { 0, 0, 0, 1 };
  cr = gtk_snapshot_append_cairo (snapshot, &rect);
  lm_map_renderer_draw_area_outline (lm_map_cache_get_renderer (self->cache), cr, self->level, self->hover_area,
                                     view_of (self), &color, 2.0);
  cairo_destroy (cr);
}

/* The map's image as a raster source pattern rather than a surface
 * pattern. GTK 4.8's Cairo renderer records what is drawn with
 * gtk_snapshot_append_cairo(), and a recording takes a copy-on-write
 * snapshot of each image painted into it: when the cache then frees the
 * image for a new one, Cairo first copies all of its pixels (0.4-0.6 ms
 * at the window's map size, in every recolour). A raster source is
 * recorded as it is, with a reference on the image, which it hands over
 * only when the node is drawn; the cache never draws into an image it
 * has shown. */
static cairo_surface_t *
image_source_acquire (cairo_pattern_t             *pattern,
                      void                        *data,
                      cairo_surface_t             *target,
                      const cairo_rectangle_int_t *extents)
{
  return cairo_surface_reference (data);
}

static void
image_source_release (cairo_pattern_t *pattern,
                      void            *data,
                      cairo_surface_t *surface)
{
  cairo_surface_destroy (surface);
}

/* Each copy of the pattern (the recording makes one) holds its own
 * reference, which its finish callback drops. */
static cairo_status_t
image_source_copy (cairo_pattern_t       *pattern,
                   void                  *data,
                   const cairo_pattern_t *other)
{
  cairo_surface_reference (data);
  return CAIRO_STATUS_SUCCESS;
}

static void
image_source_finish (cairo_pattern_t *pattern,
                     void            *data)
{
  cairo_surface_destroy (data);
}

static cairo_pattern_t *
image_source_new (cairo_surface_t *image)
{
  cairo_pattern_t *pattern;

  pattern = cairo_pattern_create_raster_source (cairo_surface_reference (image),
                                                CAIRO_CONTENT_COLOR_ALPHA,
                                                cairo_image_surface_get_width (image),
                                                cairo_image_surface_get_height (image));
  cairo_raster_source_pattern_set_acquire (pattern, image_source_acquire, image_source_release);
  cairo_raster_source_pattern_set_copy (pattern, image_source_copy);
  cairo_raster_source_pattern_set_finish (pattern, image_source_finish);
  return pattern;
}

static gboolean
uses_cairo_renderer (LmChoropleth *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  return renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
}

void
_lm_choropleth_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);
  GdkTexture *texture;
  cairo_surface_t *surface;
  LmMapView tv_storage;
  int f;
  GdkRGBA fg, bg;

  ensure_layouts (self);
  get_foreground (self, &fg, &bg);

  if (view_of (self)->width > 0 && have_geometry (self) &&
      lm_map_cache_get_image (self->cache, &texture, &surface, &tv_storage, &f))
    {
      const LmMapView *tv = &tv_storage;
      double s = tv->metres_per_pixel * f / view_of (self)->metres_per_pixel;
      double wx0 = tv->center_x - tv->width / 2.0 * tv->metres_per_pixel;
      double wy0 = tv->center_y + tv->height / 2.0 * tv->metres_per_pixel;
      double px0, py0;

      lm_map_view_world_to_pixel (view_of (self), wx0, wy0, &px0, &py0);
      if (fabs (s - 1) < 1e-9)
        {
          /* At 1:1, land on device pixels so the image stays crisp. */
          px0 = round (px0 * f) / f;
          py0 = round (py0 * f) / f;
        }
      if (uses_cairo_renderer (self))
        {
          /* GTK 4.8's Cairo renderer converts a texture's pixels one by
           * one on every frame it draws it (gdk_texture_download_surface);
           * painting the image surface itself is a plain blit, or a
           * bilinear scale while zooming. */
          cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                                   &GRAPHENE_RECT_INIT (0, 0, view_of (self)->width,
                                                                        view_of (self)->height));
          cairo_pattern_t *source = image_source_new (surface);

          cairo_translate (cr, px0, py0);
          cairo_scale (cr, s / f, s / f);
          cairo_pattern_set_filter (source,
                                    fabs (s - 1) < 1e-9 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_BILINEAR);
          cairo_set_source (cr, source);
          cairo_paint (cr);
          cairo_pattern_destroy (source);
          cairo_destroy (cr);
        }
      else
        {
          /* GL: the texture is uploaded once and scaled on the GPU. */
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (px0, py0));
          gtk_snapshot_scale (snapshot, s, s);
          gtk_snapshot_append_texture (snapshot, texture,
                                       &GRAPHENE_RECT_INIT (0, 0, (double) tv->width / f,
                                                            (double) tv->height / f));
          gtk_snapshot_restore (snapshot);
        }
    }

  snapshot_hover (self, snapshot);
  snapshot_crosshair (self, snapshot, &fg, &bg);
  if (self->message != NULL)
    snapshot_message (self, snapshot, &fg, &bg);
  if (have_geometry (self) && view_of (self)->width > 0)
    {
      snapshot_scale_bar (self, snapshot, &fg, &bg);
      snapshot_attribution (self, snapshot, &fg, &bg);
    }
}

cairo_surface_t *
lm_choropleth_render_image (LmChoropleth *self)
{
  int scale_factor;
  int w, h;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);

  scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  w = MAX (view_of (self)->width, 1) * scale_factor;
  h = MAX (view_of (self)->height, 1) * scale_factor;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  if (have_geometry (self) && view_of (self)->width > 0 &&
      lm_map_figure_get_classification (self->figure) != NULL)
    {
      /* The exported figure (title, legend, scale bar, attributions,
       * provenance) of what the map shows now, at its size in pixels. */
      LmBounds shown = lm_map_view_get_world_bounds (view_of (self));

      lm_map_figure_draw (self->figure, cr, w, h, &shown, CAIRO_ANTIALIAS_DEFAULT);
    }
  else
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
    }
  cairo_destroy (cr);
  return surface;
}

void
lm_choropleth_copy_to_clipboard (LmChoropleth *self)
{
  cairo_surface_t *surface;
  GdkTexture *texture;

  g_return_if_fail (LM_IS_CHOROPLETH (self));

  surface = lm_choropleth_render_image (self);
  texture = lm_map_cache_texture_new_for_surface (surface);
  cairo_surface_destroy (surface);
  if (texture != NULL)
    {
      gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
      g_object_unref (texture);
    }
}

/* The first line of the message in bold. */
void
_lm_choropleth_set_message_layout_text (LmChoropleth *self)
{
  g_auto(GStrv) lines = g_strsplit (self->message != NULL ? self->message : "", "\n", 2);
  g_autofree char *markup = NULL;

  if (lines[0] == NULL)
    markup = g_strdup ("");
  else if (lines[1] == NULL)
    markup = g_markup_printf_escaped ("<b>%s</b>", lines[0]);
  else
    markup = g_markup_printf_escaped ("<b>%s</b>\n%s", lines[0], lines[1]);
  pango_layout_set_markup (self->message_layout, markup, -1);
}
