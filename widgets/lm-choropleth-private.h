/* lm-choropleth-private.h — the map widget's state, shared by its files
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LmChoropleth is one type in three files: lm-choropleth.c (properties,
 * the model, colouring, life cycle), lm-choropleth-input.c (gestures,
 * keys, animation and the view) and lm-choropleth-draw.c (snapshot,
 * overlays, the clipboard image). The image itself is LmMapCache's, the
 * view LmMapViewport's and the colouring LmMapFigure's.
 */
#pragma once

#include <adwaita.h>

#include "lm-choropleth.h"
#include "lm-hit-grid.h"
#include "lm-map-cache.h"
#include "lm-map-figure.h"
#include "lm-map-viewport.h"

G_BEGIN_DECLS

struct _LmChoropleth
{
  GtkWidget         parent_instance;

  /* Owned references */
  LmModel          *model;
  char             *level_id;
  char             *variable_id;
  char             *palette_name;     /* NULL = default for the variable */
  LmClassifyMethod  method;
  guint             n_classes;
  gboolean          show_left_behind;
  gboolean          hide_attribution;   /* the page around credits the sources */
  char             *bivariate_spec;     /* as last set, or NULL */
  char             *bivariate_palette;  /* as last set, or NULL */
  gboolean          bivariate_set;

  /* Borrowed from the model's dataset */
  LmDataset        *dataset;
  LmLevel          *level;
  LmVariable       *variable;
  char             *message;          /* why nothing is coloured, or NULL */

  /* Colouring: classes, colours and the left-behind marks */
  LmMapFigure      *figure;

  GHashTable       *grids;            /* LmLevel* -> HitGrid* */

  /* What part of the world is shown */
  LmMapViewport    *viewport;
  guint             settle_timeout_id;

  /* The cached image and the renders behind it */
  LmMapCache       *cache;
  gboolean          sync_pending;
  GdkFrameClock    *layout_clock;     /* while realized */
  gulong            layout_id;
  gulong            update_id;

  /* Interaction */
  double            pointer_x;
  double            pointer_y;
  gboolean          pointer_inside;
  int               hover_area;
  LmMapView         drag_start_view;
  double            drag_start_dx;    /* offset at which the drag passed the threshold */
  double            drag_start_dy;
  gboolean          dragging;
  gboolean          drag_moved;
  LmMapView         zoom_start_view;
  double            zoom_start_x;
  double            zoom_start_y;
  gboolean          zooming;
  GtkGesture       *click_gesture;

  /* Animated zoom */
  guint             anim_tick_id;
  gboolean          anim_fits;        /* to the whole layer: the extent becomes NULL */
  LmMapView         anim_from;
  LmMapView         anim_to;
  gint64            anim_start;

  /* Widgets laid over the map (the legend, buttons): weak references */
  GPtrArray        *overlays;         /* GWeakRef*, owned */

  /* Overlays: allocated once, updated only when their text changes */
  PangoLayout      *scale_layout;
  PangoLayout      *attribution_layout;
  PangoLayout      *message_layout;
  double            scale_bar_metres;
  char              scale_text[32];

};

static inline gboolean
is_dark (void)
{
  return adw_is_initialized () && adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static inline gboolean
is_high_contrast (void)
{
  return adw_is_initialized () &&
         adw_style_manager_get_high_contrast (adw_style_manager_get_default ());
}

static inline LmSelection *
get_selection (LmChoropleth *self)
{
  return self->model != NULL ? lm_model_get_selection (self->model) : NULL;
}

static inline gboolean
have_geometry (LmChoropleth *self)
{
  return self->level != NULL && self->level->shapes != NULL;
}

static inline const LmMapView *
view_of (LmChoropleth *self)
{
  return lm_map_viewport_get_view (self->viewport);
}


/* lm-choropleth.c */
void      _lm_choropleth_request_sync_render (LmChoropleth    *self);
gboolean  _lm_choropleth_ensure_shapes       (LmChoropleth    *self,
                                              LmLevel         *level,
                                              GError         **error);

/* lm-choropleth-input.c */
void      _lm_choropleth_input_class_init    (GtkWidgetClass  *widget_class);
void      _lm_choropleth_input_init          (LmChoropleth    *self);
/* Every view change ends here: redraw, re-pick the hovered area, tell
 * the cache. */
void      _lm_choropleth_view_changed        (LmChoropleth    *self);
void      _lm_choropleth_stop_animation      (LmChoropleth    *self);
void      _lm_choropleth_cancel_movement     (LmChoropleth    *self);
int       _lm_choropleth_pick_area           (LmChoropleth    *self,
                                              double           x,
                                              double           y);

/* lm-choropleth-draw.c */
void      _lm_choropleth_snapshot            (GtkWidget       *widget,
                                              GtkSnapshot     *snapshot);
void      _lm_choropleth_set_message_layout_text (LmChoropleth *self);
/* Tells the viewport what covers the map: the scale bar, the credit
 * line and the overlay widgets; in the layout phase, once they have
 * been allocated. */
void      _lm_choropleth_update_covered      (LmChoropleth    *self);

G_END_DECLS
