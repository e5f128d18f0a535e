/* lm-map-viewport.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lm-map-viewport.h"

/* Where a map goes before it has data: about England in metres. */
#define DEFAULT_SIDE 700000

struct _LmMapViewport
{
  GObject    parent_instance;

  LmMapView  view;
  LmBounds   data_bounds;
  LmBounds  *extent;          /* NULL: the whole layer */
  gboolean   unsettled;       /* moved since the extent was set */
  gboolean   fit_pending;     /* fit_bounds once sized */
  LmBounds   fit_bounds;
  double     fit_margin;      /* a fraction of the smaller side */
  gboolean   have_layer;      /* data_bounds are a layer's, not the default */
  LmMapRect  covered[LM_MAP_VIEWPORT_MAX_COVERED];
  guint      n_covered;

  /* Where the layer has land, coarsely: a summed-area table of a mask
   * of (land_w + 1) x (land_h + 1) entries over land_bounds, row 0 at
   * the top (ymax). NULL without one. */
  guint32   *land_sums;
  int        land_w;
  int        land_h;
  LmBounds   land_bounds;
  double     land_cells_per_metre;
  GThread   *land_thread;     /* making the mask of land_bounds */
};

G_DEFINE_FINAL_TYPE (LmMapViewport, lm_map_viewport, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_EXTENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void finish_land (LmMapViewport *self);

static void
lm_map_viewport_finalize (GObject *object)
{
  LmMapViewport *self = LM_MAP_VIEWPORT (object);

  finish_land (self);
  g_clear_pointer (&self->extent, lm_bounds_free);
  g_clear_pointer (&self->land_sums, g_free);
  G_OBJECT_CLASS (lm_map_viewport_parent_class)->finalize (object);
}

static void
lm_map_viewport_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LmMapViewport *self = LM_MAP_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_EXTENT:
      g_value_set_boxed (value, self->extent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_map_viewport_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LmMapViewport *self = LM_MAP_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_EXTENT:
      lm_map_viewport_set_extent (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_map_viewport_class_init (LmMapViewportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lm_map_viewport_finalize;
  object_class->get_property = lm_map_viewport_get_property;
  object_class->set_property = lm_map_viewport_set_property;

  /**
   * LmMapViewport:extent: (nullable)
   *
   * The world rectangle the user asked to see, in the layer's
   * coordinates; NULL for the whole layer.
   */
  properties[PROP_EXTENT] =
    g_param_spec_boxed ("extent", NULL, NULL, LM_TYPE_BOUNDS,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lm_map_viewport_init (LmMapViewport *self)
{
  self->data_bounds = (LmBounds) { 0, 0, DEFAULT_SIDE, DEFAULT_SIDE };
  lm_map_view_fit (&self->view, &self->data_bounds, 1, 1, 0);
  self->view.width = 0;
  self->view.height = 0;
}

LmMapViewport *
lm_map_viewport_new (void)
{
  return g_object_new (LM_TYPE_MAP_VIEWPORT, NULL);
}

const LmMapView *
lm_map_viewport_get_view (LmMapViewport *self)
{
  g_return_val_if_fail (LM_IS_MAP_VIEWPORT (self), NULL);
  return &self->view;
}

gboolean
lm_map_viewport_is_sized (LmMapViewport *self)
{
  g_return_val_if_fail (LM_IS_MAP_VIEWPORT (self), FALSE);
  return self->view.width > 0 && self->view.height > 0;
}

double
lm_map_viewport_get_max_metres_per_pixel (LmMapViewport *self)
{
  LmMapView fit;

  g_return_val_if_fail (LM_IS_MAP_VIEWPORT (self), 0);

  lm_map_view_fit (&fit, &self->data_bounds, MAX (self->view.width, 1), MAX (self->view.height, 1),
                   LM_MAP_VIEWPORT_FIT_MARGIN);
  return MAX (fit.metres_per_pixel * 4, LM_MAP_VIEWPORT_MIN_METRES_PER_PIXEL);
}

void
lm_map_viewport_clamp (LmMapViewport *self,
                       LmMapView     *view)
{
  const LmBounds *b;
  double grow_x = 0, grow_y = 0;

  g_return_if_fail (LM_IS_MAP_VIEWPORT (self));
  g_return_if_fail (view != NULL);

  b = &self->data_bounds;
  view->metres_per_pixel = CLAMP (view->metres_per_pixel, LM_MAP_VIEWPORT_MIN_METRES_PER_PIXEL,
                                  lm_map_viewport_get_max_metres_per_pixel (self));
  /* A fit into a free rectangle beside the legend moves the centre off
   * the layer's by up to half of what covers the widget. */
  for (guint i = 0; i < self->n_covered; i++)
    {
      grow_x = MAX (grow_x, self->covered[i].width / 2);
      grow_y = MAX (grow_y, self->covered[i].height / 2);
    }
  grow_x *= view->metres_per_pixel;
  grow_y *= view->metres_per_pixel;
  view->center_x = CLAMP (view->center_x, b->xmin - grow_x, b->xmax + grow_x);
  view->center_y = CLAMP (view->center_y, b->ymin - grow_y, b->ymax + grow_y);
}

static gboolean
rects_overlap (const LmMapRect *a,
               double           x0,
               double           y0,
               double           x1,
               double           y1)
{
  return a->x < x1 && x0 < a->x + a->width && a->y < y1 && y0 < a->y + a->height;
}

/* How many pixels a metre of @bounds would take in a rectangle @w by @h
 * with @margin around it. */
static double
fit_scale (const LmBounds *bounds,
           double          w,
           double          h,
           double          margin)
{
  double bw = MAX (bounds->xmax - bounds->xmin, 1);
  double bh = MAX (bounds->ymax - bounds->ymin, 1);

  margin = MIN (margin, MIN (w, h) / 4);
  return MIN ((w - 2 * margin) / bw, (h - 2 * margin) / bh);
}

void
lm_map_viewport_get_free_rect (LmMapViewport  *self,
                               const LmBounds *bounds,
                               double          margin,
                               LmMapRect      *out_rect)
{
  double w = MAX (self->view.width, 1), h = MAX (self->view.height, 1);
  double xs[LM_MAP_VIEWPORT_MAX_COVERED + 1], xe[LM_MAP_VIEWPORT_MAX_COVERED + 1];
  double ys[LM_MAP_VIEWPORT_MAX_COVERED + 1], ye[LM_MAP_VIEWPORT_MAX_COVERED + 1];
  double best_scale = -1, best_area = -1;

  g_return_if_fail (LM_IS_MAP_VIEWPORT (self));
  g_return_if_fail (bounds != NULL && out_rect != NULL);

  *out_rect = (LmMapRect) { 0, 0, w, h };
  /* A free rectangle as large as can be has each side at the widget's
   * edge or at an edge of something covering it: try every such
   * rectangle that nothing covers, keep the one that shows @bounds
   * largest (then the largest one, then the first). */
  xs[0] = 0;
  xe[0] = w;
  ys[0] = 0;
  ye[0] = h;
  for (guint i = 0; i < self->n_covered; i++)
    {
      xs[i + 1] = self->covered[i].x + self->covered[i].width;
      xe[i + 1] = self->covered[i].x;
      ys[i + 1] = self->covered[i].y + self->covered[i].height;
      ye[i + 1] = self->covered[i].y;
    }
  for (guint a = 0; a <= self->n_covered; a++)
    for (guint b = 0; b <= self->n_covered; b++)
      for (guint c = 0; c <= self->n_covered; c++)
        for (guint d = 0; d <= self->n_covered; d++)
          {
            double x0 = MAX (xs[a], 0), x1 = MIN (xe[b], w);
            double y0 = MAX (ys[c], 0), y1 = MIN (ye[d], h);
            gboolean free = x1 - x0 >= 1 && y1 - y0 >= 1;
            double scale, area;

            for (guint i = 0; free && i < self->n_covered; i++)
              free = !rects_overlap (&self->covered[i], x0, y0, x1, y1);
            if (!free)
              continue;
            scale = fit_scale (bounds, x1 - x0, y1 - y0, margin);
            area = (x1 - x0) * (y1 - y0);
            if (scale > best_scale * (1 + 1e-9) ||
                (scale >= best_scale * (1 - 1e-9) && area > best_area))
              {
                best_scale = scale;
                best_area = area;
                *out_rect = (LmMapRect) { x0, y0, x1 - x0, y1 - y0 };
              }
          }
}

/* The view that shows @bounds in @rect of the widget, centred there. */
static void
fit_in_rect (LmMapViewport   *self,
             const LmBounds  *bounds,
             double           margin,
             const LmMapRect *rect,
             LmMapView       *out_view)
{
  int width = self->view.width, height = self->view.height;
  LmMapRect r = *rect;

  /* @out_view may be the viewport's own view: its size is read first. */
  margin = MIN (margin, MIN (r.width, r.height) / 4);
  lm_map_view_fit (out_view, bounds, MAX ((int) r.width, 1), MAX ((int) r.height, 1), margin);
  out_view->width = width;
  out_view->height = height;
  /* The middle of @bounds goes to the middle of @rect. */
  out_view->center_x -= (r.x + r.width / 2 - width / 2.0) * out_view->metres_per_pixel;
  out_view->center_y += (r.y + r.height / 2 - height / 2.0) * out_view->metres_per_pixel;
}

static void refit (LmMapViewport *self);

/* ------------------------------------------------------------------ */
/* Keeping the legend over the sea                                      */
/* ------------------------------------------------------------------ */

/* The side of the land mask, in cells, along the layer's longer side. */
#define LAND_CELLS 256
/* Scales tried between the largest fit and the free-rectangle fit, and
 * places tried at each (LAND_PLACES x LAND_PLACES, middle first). */
#define LAND_SCALE_STEP 0.98
#define LAND_PLACES 13

static guint32
land_sum (LmMapViewport *self,
          int            x0,
          int            y0,
          int            x1,
          int            y1)
{
  int stride = self->land_w + 1;

  x0 = CLAMP (x0, 0, self->land_w);
  x1 = CLAMP (x1, 0, self->land_w);
  y0 = CLAMP (y0, 0, self->land_h);
  y1 = CLAMP (y1, 0, self->land_h);
  if (x1 <= x0 || y1 <= y0)
    return 0;
  return self->land_sums[y1 * stride + x1] - self->land_sums[y0 * stride + x1] -
         self->land_sums[y1 * stride + x0] + self->land_sums[y0 * stride + x0];
}

/* Whether anything covering the widget would hide land at @view. */
static gboolean
covers_land (LmMapViewport   *self,
             const LmMapView *view)
{
  const LmBounds *b = &self->land_bounds;
  double k = self->land_cells_per_metre;

  for (guint i = 0; i < self->n_covered; i++)
    {
      const LmMapRect *r = &self->covered[i];
      double wx0, wy0, wx1, wy1;

      lm_map_view_pixel_to_world (view, r->x, r->y + r->height, &wx0, &wy0);
      lm_map_view_pixel_to_world (view, r->x + r->width, r->y, &wx1, &wy1);
      if (land_sum (self, (int) floor ((wx0 - b->xmin) * k), (int) floor ((b->ymax - wy1) * k),
                    (int) ceil ((wx1 - b->xmin) * k), (int) ceil ((b->ymax - wy0) * k)) > 0)
        return TRUE;
    }
  return FALSE;
}

/* The largest view of the whole layer, inside the widget with @margin,
 * whose covered parts hide no land: a legend over the sea beside the
 * country rather than a country shrunk beside the legend. Scales from
 * the largest fit down to @floor_scale (pixels per metre), places
 * nearest the middle first. FALSE if none does. */
static gboolean
fit_layer_around_covers (LmMapViewport *self,
                         double         margin,
                         double         floor_scale,
                         LmMapView     *out_view)
{
  const LmBounds *d = &self->data_bounds;
  double w = self->view.width, h = self->view.height;
  double bw = d->xmax - d->xmin, bh = d->ymax - d->ymin;
  double scale = MIN ((w - 2 * margin) / bw, (h - 2 * margin) / bh);

  finish_land (self);
  if (self->land_sums == NULL || !(scale > 0) || bw <= 0 || bh <= 0)
    return FALSE;
  for (; scale > floor_scale; scale *= LAND_SCALE_STEP)
    {
      double free_x = MAX (w - 2 * margin - bw * scale, 0);
      double free_y = MAX (h - 2 * margin - bh * scale, 0);
      double best_distance = G_MAXDOUBLE;
      LmMapView best = { 0 };

      for (int i = 0; i < LAND_PLACES; i++)
        for (int j = 0; j < LAND_PLACES; j++)
          {
            double fx = (double) i / (LAND_PLACES - 1), fy = (double) j / (LAND_PLACES - 1);
            double distance = hypot ((fx - 0.5) * free_x, (fy - 0.5) * free_y);
            LmMapView view = { 0 };

            if (distance >= best_distance || (free_x == 0 && i > 0) || (free_y == 0 && j > 0))
              continue;
            view.width = (int) w;
            view.height = (int) h;
            view.metres_per_pixel = 1 / scale;
            /* The layer's top-left corner at (left, top) of the widget. */
            view.center_x = d->xmin + (w / 2 - (margin + fx * free_x)) / scale;
            view.center_y = d->ymax - (h / 2 - (margin + fy * free_y)) / scale;
            if (!covers_land (self, &view))
              {
                best_distance = distance;
                best = view;
              }
          }
      if (best_distance < G_MAXDOUBLE)
        {
          *out_view = best;
          return TRUE;
        }
    }
  return FALSE;
}

/* A land mask in the making: plain data and a surface of its own, so
 * that a thread can make it. */
typedef struct
{
  LmShapeLayer *layer;
  LmBounds      bounds;
  double        cells_per_metre;
  int           w;
  int           h;
  guint32      *sums;
} LandMask;

static gpointer
make_land_mask (gpointer data)
{
  LandMask *land = data;
  const LmBounds *bounds = &land->bounds;
  cairo_surface_t *mask;
  cairo_t *cr;
  const double *points;
  const guint *starts;
  guint n_parts, n_points;
  int stride, w, h;
  double k;

  k = LAND_CELLS / MAX (bounds->xmax - bounds->xmin, bounds->ymax - bounds->ymin);
  w = MAX ((int) ceil ((bounds->xmax - bounds->xmin) * k), 1);
  h = MAX ((int) ceil ((bounds->ymax - bounds->ymin) * k), 1);
  mask = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);
  cr = cairo_create (mask);
  cairo_scale (cr, k, -k);
  cairo_translate (cr, -bounds->xmin, -bounds->ymax);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  points = lm_shape_layer_get_points (land->layer, &n_points);
  starts = lm_shape_layer_get_part_starts (land->layer, &n_parts);
  /* Feature by feature: even-odd over the whole layer would empty an
   * area lying in another's hole. Antialiased, so that a cell any land
   * touches counts. */
  for (guint f = 0; f < lm_shape_layer_get_n_features (land->layer); f++)
    {
      const LmShapeFeature *feature = lm_shape_layer_get_feature (land->layer, f);

      for (guint p = feature->first_part; p < feature->first_part + feature->n_parts; p++)
        {
          cairo_move_to (cr, points[2 * starts[p]], points[2 * starts[p] + 1]);
          for (guint q = starts[p] + 1; q < starts[p + 1]; q++)
            cairo_line_to (cr, points[2 * q], points[2 * q + 1]);
          cairo_close_path (cr);
        }
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (mask);

  stride = cairo_image_surface_get_stride (mask);
  land->sums = g_new0 (guint32, (gsize) (w + 1) * (h + 1));
  for (int y = 0; y < h; y++)
    {
      const guint8 *row = cairo_image_surface_get_data (mask) + (gsize) y * stride;
      guint32 line = 0;

      for (int x = 0; x < w; x++)
        {
          line += row[x] > 0;
          land->sums[(y + 1) * (w + 1) + x + 1] = land->sums[y * (w + 1) + x + 1] + line;
        }
    }
  cairo_surface_destroy (mask);
  land->w = w;
  land->h = h;
  land->cells_per_metre = k;
  return land;
}

static void
take_land_mask (LmMapViewport *self,
                LandMask      *land)
{
  g_free (self->land_sums);
  self->land_sums = land->sums;
  self->land_w = land->w;
  self->land_h = land->h;
  self->land_bounds = land->bounds;
  self->land_cells_per_metre = land->cells_per_metre;
  g_object_unref (land->layer);
  g_free (land);
}

/* The mask a thread is making, once made. */
static void
finish_land (LmMapViewport *self)
{
  if (self->land_thread != NULL)
    take_land_mask (self, g_thread_join (g_steal_pointer (&self->land_thread)));
}

void
lm_map_viewport_set_land (LmMapViewport *self,
                          LmShapeLayer  *layer)
{
  LmBounds bounds;
  LandMask *land;

  g_return_if_fail (LM_IS_MAP_VIEWPORT (self));

  if (layer == NULL)
    {
      finish_land (self);
      g_clear_pointer (&self->land_sums, g_free);
      return;
    }
  bounds = lm_shape_layer_get_bounds (layer);
  /* The levels of a dataset nest exactly: one mask serves them all. */
  if ((self->land_sums != NULL || self->land_thread != NULL) &&
      lm_bounds_equal (&bounds, &self->land_bounds))
    return;
  finish_land (self);
  g_clear_pointer (&self->land_sums, g_free);
  if (lm_bounds_is_empty (&bounds))
    return;

  land = g_new0 (LandMask, 1);
  land->layer = g_object_ref (layer);
  land->bounds = bounds;
  self->land_bounds = bounds;
  /* A map not sized yet (the window's first) needs the mask at its
   * first fit, not before: a thread makes it (11 million instructions)
   * while the main thread builds the rest of the window. */
  if (!lm_map_viewport_is_sized (self))
    {
      self->land_thread = g_thread_new ("lm-land-mask", make_land_mask, land);
      return;
    }
  take_land_mask (self, make_land_mask (land));
  if (self->extent == NULL && !self->unsettled && !self->fit_pending)
    refit (self);
}

void
lm_map_viewport_get_fit_view (LmMapViewport  *self,
                              const LmBounds *bounds,
                              double          margin,
                              LmMapView      *out_view)
{
  LmMapRect rect;

  g_return_if_fail (LM_IS_MAP_VIEWPORT (self));
  g_return_if_fail (out_view != NULL);

  if (bounds == NULL)
    {
      bounds = &self->data_bounds;
      margin = LM_MAP_VIEWPORT_FIT_MARGIN;
    }
  lm_map_viewport_get_free_rect (self, bounds, margin, &rect);
  /* The whole layer may take more of the widget where what covers it
   * lies over the sea. */
  if (bounds != &self->data_bounds || self->n_covered == 0 ||
      !fit_layer_around_covers (self, margin, fit_scale (bounds, rect.width, rect.height, margin),
                                out_view))
    fit_in_rect (self, bounds, margin, &rect, out_view);
  lm_map_viewport_clamp (self, out_view);
}

/* Shows the extent (the rectangle the user saw, in the whole widget)
 * or the whole layer (in the free rectangle) at the current size. */
static void
refit (LmMapViewport *self)
{
  if (!lm_map_viewport_is_sized (self))
    return;
  if (self->extent != NULL)
    {
      LmMapRect all = { 0, 0, self->view.width, self->view.height };

      fit_in_rect (self, self->extent, 0, &all, &self->view);
      lm_map_viewport_clamp (self, &self->view);
    }
  else
    lm_map_viewport_get_fit_view (self, NULL, 0, &self->view);
  self->unsettled = FALSE;
}

/* Whether the whole layer lies inside @bounds: then the user sees all
 * of it, and the map should follow the layer (fitted anew at each
 * size) rather than keep a rectangle with margins of the old size. */
static gboolean
holds_layer (LmMapViewport  *self,
             const LmBounds *bounds)
{
  const LmBounds *d = &self->data_bounds;

  return self->have_layer && bounds != NULL &&
         bounds->xmin <= d->xmin && bounds->ymin <= d->ymin &&
         bounds->xmax >= d->xmax && bounds->ymax >= d->ymax;
}

void
lm_map_viewport_set_covered (LmMapViewport   *self,
                             const LmMapRect *rects,
                             guint            n_rects)
{
  g_return_if_fail (LM_IS_MAP_VIEWPORT (self));
  g_return_if_fail (rects != NULL || n_rects == 0);

  n_rects = MIN (n_rects, LM_MAP_VIEWPORT_MAX_COVERED);
  if (n_rects == self->n_covered &&
      (n_rects == 0 || memcmp (rects, self->covered, n_rects * sizeof (LmMapRect)) == 0))
    return;
  if (n_rects > 0)
    memcpy (self->covered, rects, n_rects * sizeof (LmMapRect));
  self->n_covered = n_rects;
  if (self->extent == NULL && !self->unsettled && !self->fit_pending)
    refit (self);
}

/* Sets the extent and notifies, or does nothing if it is the same. */
static gboolean
store_extent (LmMapViewport  *self,
              const LmBounds *extent)
{
  if (lm_bounds_equal (self->extent, extent))
    return FALSE;
  g_clear_pointer (&self->extent, lm_bounds_free);
  self->extent = extent != NULL ? lm_bounds_copy (extent) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTENT]);
  return TRUE;
}

void
lm_map_viewport_set_data_bounds (LmMapViewport  *self,
                                 const LmBounds *bounds)
{
  g_return_if_fail (LM_IS_MAP_VIEWPORT (self));

  self->have_layer = bounds != NULL && !lm_bounds_is_empty (bounds);
  if (self->have_layer)
    self->data_bounds = *bounds;
  else
    self->data_bounds = (LmBounds) { 0, 0, DEFAULT_SIDE, DEFAULT_SIDE };
  /* A map following the whole layer follows the new one; one showing a
   * rectangle the user chose keeps it. */
  if (self->extent == NULL && !self->unsettled && !self->fit_pending)
    refit (self);
}

void
lm_map_viewport_set_size (LmMapViewport *self,
                          int            width,
                          int            height)
{
  g_return_if_fail (LM_IS_MAP_VIEWPORT (self));

  if (width == self->view.width && height == self->view.height)
    return;
  self->view.width = MAX (width, 0);
  self->view.height = MAX (height, 0);
  /* A movement under way (a drag, an animation) keeps its centre and
   * scale; what it shows becomes the extent when it ends. */
  if (!lm_map_viewport_is_sized (self) || self->unsettled)
    return;
  if (self->fit_pending)
    {
      self->fit_pending = FALSE;
      lm_map_viewport_get_fit_view (self, &self->fit_bounds,
                                    MIN (width, height) * self->fit_margin, &self->view);
      lm_map_viewport_settle (self);
      return;
    }
  refit (self);
}

const LmBounds *
lm_map_viewport_get_extent (LmMapViewport *self)
{
  g_return_val_if_fail (LM_IS_MAP_VIEWPORT (self), NULL);
  return self->extent;
}

void
lm_map_viewport_set_extent (LmMapViewport  *self,
                            const LmBounds *extent)
{
  g_return_if_fail (LM_IS_MAP_VIEWPORT (self));
  g_return_if_fail (extent == NULL || !lm_bounds_is_empty (extent));

  /* A rectangle that holds the whole layer is the whole layer. */
  if (holds_layer (self, extent))
    extent = NULL;
  if (lm_bounds_equal (self->extent, extent) && !self->unsettled && !self->fit_pending)
    return;
  self->fit_pending = FALSE;
  store_extent (self, extent);
  refit (self);
}

void
lm_map_viewport_fit_when_sized (LmMapViewport  *self,
                                const LmBounds *bounds,
                                double          margin_fraction)
{
  g_return_if_fail (LM_IS_MAP_VIEWPORT (self));
  g_return_if_fail (bounds != NULL);

  self->fit_bounds = *bounds;
  self->fit_margin = margin_fraction;
  self->fit_pending = TRUE;
  if (lm_map_viewport_is_sized (self))
    {
      self->fit_pending = FALSE;
      lm_map_viewport_get_fit_view (self, bounds,
                                    MIN (self->view.width, self->view.height) * margin_fraction,
                                    &self->view);
      lm_map_viewport_settle (self);
    }
}

void
lm_map_viewport_move (LmMapViewport   *self,
                      const LmMapView *view)
{
  g_return_if_fail (LM_IS_MAP_VIEWPORT (self));
  g_return_if_fail (view != NULL);

  self->view.center_x = view->center_x;
  self->view.center_y = view->center_y;
  self->view.metres_per_pixel = view->metres_per_pixel;
  lm_map_viewport_clamp (self, &self->view);
  self->fit_pending = FALSE;
  self->unsettled = TRUE;
}

gboolean
lm_map_viewport_is_unsettled (LmMapViewport *self)
{
  g_return_val_if_fail (LM_IS_MAP_VIEWPORT (self), FALSE);
  return self->unsettled;
}

void
lm_map_viewport_settle (LmMapViewport *self)
{
  LmBounds shown;

  g_return_if_fail (LM_IS_MAP_VIEWPORT (self));

  self->unsettled = FALSE;
  if (!lm_map_viewport_is_sized (self))
    return;
  shown = lm_map_view_get_world_bounds (&self->view);
  store_extent (self, holds_layer (self, &shown) ? NULL : &shown);
}
