/* lm-map-viewport.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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
};

G_DEFINE_FINAL_TYPE (LmMapViewport, lm_map_viewport, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_EXTENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lm_map_viewport_finalize (GObject *object)
{
  LmMapViewport *self = LM_MAP_VIEWPORT (object);

  g_clear_pointer (&self->extent, lm_bounds_free);
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

  g_return_if_fail (LM_IS_MAP_VIEWPORT (self));
  g_return_if_fail (view != NULL);

  b = &self->data_bounds;
  view->metres_per_pixel = CLAMP (view->metres_per_pixel, LM_MAP_VIEWPORT_MIN_METRES_PER_PIXEL,
                                  lm_map_viewport_get_max_metres_per_pixel (self));
  view->center_x = CLAMP (view->center_x, b->xmin, b->xmax);
  view->center_y = CLAMP (view->center_y, b->ymin, b->ymax);
}

void
lm_map_viewport_get_fit_view (LmMapViewport  *self,
                              const LmBounds *bounds,
                              double          margin,
                              LmMapView      *out_view)
{
  g_return_if_fail (LM_IS_MAP_VIEWPORT (self));
  g_return_if_fail (out_view != NULL);

  if (bounds == NULL)
    {
      bounds = &self->data_bounds;
      margin = LM_MAP_VIEWPORT_FIT_MARGIN;
    }
  lm_map_view_fit (out_view, bounds, MAX (self->view.width, 1), MAX (self->view.height, 1), margin);
  out_view->width = self->view.width;
  out_view->height = self->view.height;
  lm_map_viewport_clamp (self, out_view);
}

/* Shows the extent (or the layer) at the current size. */
static void
refit (LmMapViewport *self)
{
  if (!lm_map_viewport_is_sized (self))
    return;
  lm_map_viewport_get_fit_view (self, self->extent, 0, &self->view);
  self->unsettled = FALSE;
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

  if (bounds != NULL && !lm_bounds_is_empty (bounds))
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
  store_extent (self, &shown);
}
