/* lm-choropleth.c — the map widget
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How it stays fast: the polygons are rendered by LmMapRenderer into an
 * image that covers the viewport plus a margin, wrapped in a
 * GdkMemoryTexture without copying; snapshot() only translates and
 * scales that texture (the GPU does it with the GL renderer) and draws
 * the cheap overlays (hover outline, scale bar, attribution). While the
 * map moves, new images are rendered with fast antialiasing in a worker
 * thread when the view leaves the image or its scale drifts; 150 ms after
 * the last move a sharp image replaces it. A colour change (recompute,
 * palette, selection) renders at once in the frame clock's update phase,
 * so the new colours appear in the same frame; nothing is ever rendered
 * inside snapshot().
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lm-choropleth.h"
#include "lm-hit-grid.h"
#include "lm-map-cache.h"
#include "lm-map-figure.h"
#include "lm-map-viewport.h"

/* Closest zoom, metres per logical pixel. */
#define ZOOM_STEP 1.5
#define WHEEL_ZOOM_STEP 1.25
#define ANIMATION_MS 250
/* Around an area zoomed to, as a fraction of the smaller side. */
#define AREA_MARGIN 0.125
/* A move without an end event (the wheel, set_view()) has ended once
 * it pauses this long. */
#define SETTLE_DELAY_MS 150
#define DRAG_THRESHOLD 4.0
#define OVERLAY_MARGIN 8.0
#define SCALE_BAR_MAX_PX 120.0

/* ------------------------------------------------------------------ */
/* The widget                                                           */
/* ------------------------------------------------------------------ */

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

  /* Overlays: allocated once, updated only when their text changes */
  PangoLayout      *scale_layout;
  PangoLayout      *attribution_layout;
  PangoLayout      *message_layout;
  double            scale_bar_metres;
  char              scale_text[32];

};

G_DEFINE_FINAL_TYPE (LmChoropleth, lm_choropleth, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_LEVEL,
  PROP_VARIABLE,
  PROP_METHOD,
  PROP_N_CLASSES,
  PROP_PALETTE,
  PROP_SHOW_LEFT_BEHIND,
  PROP_EXTENT,
  N_PROPS
};

enum {
  CLASSES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void request_sync_render (LmChoropleth *self);
static void view_changed        (LmChoropleth *self);
static void recolour            (LmChoropleth *self);

GType
lm_choropleth_method_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { LM_CLASSIFY_QUANTILE, "LM_CLASSIFY_QUANTILE", "quantile" },
        { LM_CLASSIFY_EQUAL, "LM_CLASSIFY_EQUAL", "equal" },
        { LM_CLASSIFY_JENKS, "LM_CLASSIFY_JENKS", "jenks" },
        { LM_CLASSIFY_STDDEV, "LM_CLASSIFY_STDDEV", "stddev" },
        { LM_CLASSIFY_DECILES, "LM_CLASSIFY_DECILES", "deciles" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("LmChoroplethMethod"), values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

/* ------------------------------------------------------------------ */
/* Auxiliary methods                                                    */
/* ------------------------------------------------------------------ */

static gboolean
is_dark (void)
{
  return adw_is_initialized () && adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static gboolean
is_high_contrast (void)
{
  return adw_is_initialized () &&
         adw_style_manager_get_high_contrast (adw_style_manager_get_default ());
}

static LmSelection *
get_selection (LmChoropleth *self)
{
  return self->model != NULL ? lm_model_get_selection (self->model) : NULL;
}

static gboolean
have_geometry (LmChoropleth *self)
{
  return self->level != NULL && self->level->shapes != NULL;
}

static inline const LmMapView *
view_of (LmChoropleth *self)
{
  return lm_map_viewport_get_view (self->viewport);
}

static LmHitGrid *
get_grid (LmChoropleth *self,
          LmLevel      *level)
{
  LmHitGrid *grid;

  if (level == NULL || level->shapes == NULL)
    return NULL;
  grid = g_hash_table_lookup (self->grids, level);
  if (grid == NULL || lm_hit_grid_get_layer (grid) != level->shapes)
    {
      grid = lm_hit_grid_new_for_level (level);
      g_hash_table_replace (self->grids, level, grid);
    }
  return grid;
}

static int
pick_area (LmChoropleth *self,
           double        x,
           double        y)
{
  LmHitGrid *grid = get_grid (self, self->level);
  double wx, wy;

  if (grid == NULL || view_of (self)->width <= 0)
    return -1;
  lm_map_view_pixel_to_world (view_of (self), x, y, &wx, &wy);
  return lm_hit_grid_pick_area (grid, self->level, wx, wy);
}

static void
update_hover (LmChoropleth *self)
{
  int area = self->pointer_inside && !self->dragging ? pick_area (self, self->pointer_x, self->pointer_y) : -1;

  if (area != self->hover_area)
    {
      self->hover_area = area;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* Colours and masks for a render at @view (device pixels): the cache's
 * style function. */
static void
fill_style (LmMapStyle        *style,
            const LmMapView   *view,
            int                scale_factor,
            cairo_antialias_t  antialias,
            gpointer           user_data)
{
  LmChoropleth *self = user_data;
  gboolean dark = is_dark ();
  gboolean hc = is_high_contrast ();

  lm_map_figure_apply (self->figure, style);
  style->outline_level = lm_map_renderer_choose_outline_level (self->level, view);
  if (dark)
    style->outline_color = (LmColor) { 0.92, 0.92, 0.92, 0.75 };
  if (hc)
    {
      style->outline_color = dark ? (LmColor) { 1, 1, 1, 1 } : (LmColor) { 0, 0, 0, 1 };
      style->outline_width *= 1.5;
    }
  style->outline_width *= scale_factor;
  style->marked_width *= scale_factor;
  style->selection_width *= scale_factor;
  style->antialias = antialias;
}


/* The layout phase of a frame, after the window's own size allocation:
 * a colour change requested before it, in event handling or in a tick
 * callback of the same frame, is rendered in time for this frame's
 * paint. (A tick callback added from another tick callback would only
 * run in the next frame.) */
static void
on_frame_layout_cb (LmChoropleth  *self,
                    GdkFrameClock *clock)
{
  if (!self->sync_pending || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->sync_pending = FALSE;
  lm_map_cache_render_now (self->cache);
}

/* The colours changed: render in the layout phase of the next frame,
 * so that several changes within one frame cost one render. */
static void
request_sync_render (LmChoropleth *self)
{
  self->sync_pending = TRUE;
  if (self->layout_clock != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gdk_frame_clock_request_phase (self->layout_clock, GDK_FRAME_CLOCK_PHASE_LAYOUT);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
content_changed (LmChoropleth *self)
{
  lm_map_cache_content_changed (self->cache);
  request_sync_render (self);
}

/* Every view change ends here: redraw from the cached image, and
 * render a new one in the background if it no longer serves. */
static void
view_changed (LmChoropleth *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_hover (self);
  lm_map_cache_set_view (self->cache, view_of (self), gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

/* The cache's sharp render waits while the map moves. */
static void
update_moving (LmChoropleth *self)
{
  lm_map_cache_set_moving (self->cache, self->dragging || self->zooming || self->anim_tick_id != 0);
}

static void
settle_timeout_cb (gpointer data)
{
  LmChoropleth *self = data;

  self->settle_timeout_id = 0;
  lm_map_viewport_settle (self->viewport);
}

/* The movement ended: what is visible becomes the extent (one notify
 * per gesture or animation). */
static void
settle_now (LmChoropleth *self)
{
  g_clear_handle_id (&self->settle_timeout_id, g_source_remove);
  lm_map_viewport_settle (self->viewport);
}

/* Moves with no end event (the scroll wheel, set_view() calls) settle
 * once they pause; gestures settle at their end. */
static void
schedule_settle (LmChoropleth *self)
{
  g_clear_handle_id (&self->settle_timeout_id, g_source_remove);
  if (!self->dragging && !self->zooming && self->anim_tick_id == 0)
    self->settle_timeout_id = g_timeout_add_once (SETTLE_DELAY_MS, settle_timeout_cb, self);
}

/* A step of a gesture or an animation. */
static void
set_view_internal (LmChoropleth    *self,
                   const LmMapView *view)
{
  lm_map_viewport_move (self->viewport, view);
  view_changed (self);
}

/* The view jumps to the viewport's extent (or the whole layer). */
static void
cancel_movement (LmChoropleth *self)
{
  g_clear_handle_id (&self->settle_timeout_id, g_source_remove);
}

static void
stop_animation (LmChoropleth *self)
{
  if (self->anim_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->anim_tick_id);
      self->anim_tick_id = 0;
      update_moving (self);
    }
}

/* A fit to the whole layer leaves the extent NULL (and the map following
 * the layer); any other animation makes what it shows the extent. */
static void
finish_animation (LmChoropleth *self)
{
  if (self->anim_fits)
    {
      g_clear_handle_id (&self->settle_timeout_id, g_source_remove);
      lm_map_viewport_set_extent (self->viewport, NULL);
      view_changed (self);
    }
  else
    settle_now (self);
}

static gboolean
animation_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       data)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);
  double t = (gdk_frame_clock_get_frame_time (clock) - self->anim_start) / (ANIMATION_MS * 1000.0);
  double e;
  LmMapView view = self->anim_to;

  t = CLAMP (t, 0, 1);
  e = 1 - pow (1 - t, 3);   /* ease out cubic */
  view.metres_per_pixel = exp (log (self->anim_from.metres_per_pixel) * (1 - e) +
                               log (self->anim_to.metres_per_pixel) * e);
  view.center_x = self->anim_from.center_x + (self->anim_to.center_x - self->anim_from.center_x) * e;
  view.center_y = self->anim_from.center_y + (self->anim_to.center_y - self->anim_from.center_y) * e;
  set_view_internal (self, &view);
  if (t >= 1)
    {
      self->anim_tick_id = 0;
      update_moving (self);
      finish_animation (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
animations_enabled (LmChoropleth *self)
{
  gboolean enabled = TRUE;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

static void
animate_to (LmChoropleth    *self,
            const LmMapView *target,
            gboolean         fits)
{
  LmMapView to = *target;

  to.width = view_of (self)->width;
  to.height = view_of (self)->height;
  lm_map_viewport_clamp (self->viewport, &to);
  stop_animation (self);
  g_clear_handle_id (&self->settle_timeout_id, g_source_remove);
  self->anim_fits = fits;
  if (!animations_enabled (self))
    {
      set_view_internal (self, &to);
      finish_animation (self);
      return;
    }
  self->anim_from = *view_of (self);
  self->anim_to = to;
  self->anim_start = gdk_frame_clock_get_frame_time (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->anim_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), animation_tick_cb, NULL, NULL);
  update_moving (self);
}

static void
zoom_animated (LmChoropleth *self,
               double        factor,
               double        x,
               double        y)
{
  LmMapView target = self->anim_tick_id != 0 ? self->anim_to : *view_of (self);

  lm_map_view_zoom_at (&target, factor, x, y);
  animate_to (self, &target, FALSE);
}


static void
update_accessible (LmChoropleth *self)
{
  g_autofree char *label = NULL;

  if (self->variable != NULL && self->level != NULL)
    /* Translators: accessible name of the map: variable title, level title */
    label = g_strdup_printf (_("Map of %s by %s"), self->variable->title, self->level->title);
  else
    label = g_strdup (_("Map"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->message != NULL ? self->message : "",
                                  -1);
}

/* The first line of the message in bold. */
static void
set_message_layout_text (LmChoropleth *self)
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

static void
set_message (LmChoropleth *self,
             const char   *message)
{
  if (g_strcmp0 (self->message, message) == 0)
    return;
  g_free (self->message);
  self->message = g_strdup (message);
  if (self->message_layout != NULL)
    set_message_layout_text (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Classifies the variable's current values and colours the areas;
 * FALSE with the figure's error when nothing could be coloured. */
static gboolean
update_classes (LmChoropleth  *self,
                GError       **error)
{
  gboolean ok = FALSE;

  if (self->model != NULL)
    ok = lm_map_figure_update (self->figure, error);
  else
    lm_map_figure_set_model (self->figure, NULL);
  self->variable = lm_map_figure_get_variable (self->figure);
  g_signal_emit (self, signals[CLASSES_CHANGED], 0);
  content_changed (self);
  return ok;
}

/* After a change of the classes, palette or values: why it failed is
 * said once, when the variable or level was chosen. */
static void
recolour (LmChoropleth *self)
{
  update_classes (self, NULL);
}

static void
update_variable (LmChoropleth *self)
{
  g_autoptr(GError) error = NULL;

  update_classes (self, &error);
  if (self->model != NULL && self->level != NULL)
    {
      if (self->variable == NULL)
        {
          /* Translators: shown over the map; the second line says why */
          g_autofree char *text = g_strdup_printf ("%s\n%s", _("No data at this level"),
                                                   error->message);
          set_message (self, text);
        }
      else
        set_message (self, NULL);
    }
  update_accessible (self);
}

static gboolean
ensure_shapes (LmChoropleth *self,
               LmLevel      *level,
               GError      **error)
{
  if (level == NULL || level->shapes != NULL)
    return TRUE;
  return lm_dataset_ensure_shapes (self->dataset, level, error);
}

/* Where the view may go; a map following the whole layer refits. */
static void
update_data_bounds (LmChoropleth *self)
{
  if (have_geometry (self))
    {
      LmBounds bounds = lm_shape_layer_get_bounds (self->level->shapes);

      lm_map_viewport_set_data_bounds (self->viewport, &bounds);
    }
  else
    lm_map_viewport_set_data_bounds (self->viewport, NULL);
}

static void
update_level (LmChoropleth *self)
{
  g_autoptr(GError) error = NULL;
  LmLeftBehindRule *rule;

  self->level = NULL;
  self->hover_area = -1;
  lm_map_cache_set_level (self->cache, NULL, NULL);
  if (self->dataset == NULL)
    {
      update_data_bounds (self);
      update_variable (self);
      return;
    }
  self->level = lm_dataset_find_level (self->dataset, self->level_id);
  lm_map_cache_set_level (self->cache, self->dataset, self->level);
  if (self->level == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("There is no level “%s” in this dataset"),
                                               self->level_id);
      set_message (self, text);
      update_data_bounds (self);
      update_accessible (self);
      update_classes (self, NULL);
      return;
    }

  /* The level itself, the coarser levels whose borders are drawn over it,
   * and the level of the left-behind rule. */
  if (!ensure_shapes (self, self->level, &error))
    {
      g_warning ("%s", error->message);
      g_clear_error (&error);
    }
  for (LmLevel *up = self->level->parent_level; up != NULL; up = up->parent_level)
    if (!ensure_shapes (self, up, &error))
      {
        g_debug ("%s", error->message);
        g_clear_error (&error);
      }
  rule = lm_dataset_get_left_behind_rule (self->dataset);
  if (rule != NULL && !ensure_shapes (self, rule->level, &error))
    {
      g_debug ("%s", error->message);
      g_clear_error (&error);
    }

  update_data_bounds (self);
  update_variable (self);
  if (!have_geometry (self))
    {
      /* Translators: shown over the map when a level has no boundaries */
      g_autofree char *text = g_strdup_printf (_("No boundaries for %s"), self->level->title);
      set_message (self, text);
    }
  view_changed (self);
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                            */
/* ------------------------------------------------------------------ */

static void
on_model_recomputed_cb (LmChoropleth *self,
                        LmModel      *model)
{
  recolour (self);
}

static void
on_extent_notify_cb (LmChoropleth  *self,
                     GParamSpec    *pspec,
                     LmMapViewport *viewport)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTENT]);
}

static void
on_selection_changed_cb (LmChoropleth *self,
                         LmSelection  *selection)
{
  content_changed (self);
}

static void
on_style_changed_cb (LmChoropleth *self,
                     GParamSpec   *pspec,
                     gpointer      manager)
{
  content_changed (self);
}

static void
on_scale_factor_changed_cb (LmChoropleth *self,
                            GParamSpec   *pspec,
                            gpointer      user_data)
{
  request_sync_render (self);
}

static void
on_drag_begin_cb (LmChoropleth   *self,
                  double          x,
                  double          y,
                  GtkGestureDrag *gesture)
{
  /* A press may be the second of a double click, whose zoom animation
   * must go on: the drag takes over only once the pointer moves. */
  self->dragging = TRUE;
  self->drag_moved = FALSE;
  update_moving (self);
}

static void
on_drag_update_cb (LmChoropleth   *self,
                   double          dx,
                   double          dy,
                   GtkGestureDrag *gesture)
{
  LmMapView view;

  if (self->zooming || !self->dragging)
    return;
  if (!self->drag_moved)
    {
      if (hypot (dx, dy) < DRAG_THRESHOLD)
        return;
      stop_animation (self);
      self->drag_start_view = *view_of (self);
      self->drag_start_dx = dx;
      self->drag_start_dy = dy;
      self->drag_moved = TRUE;
      self->hover_area = -1;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
  /* From the start of the drag, not summed deltas: no drift. */
  view = self->drag_start_view;
  lm_map_view_pan (&view, dx - self->drag_start_dx, dy - self->drag_start_dy);
  set_view_internal (self, &view);
}

static void
on_drag_end_cb (LmChoropleth   *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  self->dragging = FALSE;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  update_hover (self);
  update_moving (self);
  if (self->drag_moved)
    settle_now (self);
}

static void
on_zoom_begin_cb (LmChoropleth     *self,
                  GdkEventSequence *sequence,
                  GtkGesture       *gesture)
{
  stop_animation (self);
  self->zooming = TRUE;
  update_moving (self);
  self->zoom_start_view = *view_of (self);
  if (!gtk_gesture_get_bounding_box_center (gesture, &self->zoom_start_x, &self->zoom_start_y))
    {
      self->zoom_start_x = view_of (self)->width / 2.0;
      self->zoom_start_y = view_of (self)->height / 2.0;
    }
}

static void
on_zoom_scale_changed_cb (LmChoropleth   *self,
                          double          scale,
                          GtkGestureZoom *gesture)
{
  LmMapView view = self->zoom_start_view;
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = self->zoom_start_x;
      y = self->zoom_start_y;
    }
  if (!(scale > 0))
    return;
  lm_map_view_zoom_at (&view, scale, self->zoom_start_x, self->zoom_start_y);
  lm_map_view_pan (&view, x - self->zoom_start_x, y - self->zoom_start_y);
  set_view_internal (self, &view);
}

static void
on_zoom_end_cb (LmChoropleth     *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  self->zooming = FALSE;
  update_moving (self);
  settle_now (self);
}

static gboolean
on_scroll_cb (LmChoropleth             *self,
              double                    dx,
              double                    dy,
              GtkEventControllerScroll *controller)
{
  double factor, x, y;

  stop_animation (self);
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE)
    factor = exp (-dy * 0.01);    /* touchpad: pixels */
  else
    factor = pow (WHEEL_ZOOM_STEP, -dy);
  if (self->pointer_inside)
    {
      x = self->pointer_x;
      y = self->pointer_y;
    }
  else
    {
      x = view_of (self)->width / 2.0;
      y = view_of (self)->height / 2.0;
    }
  lm_choropleth_zoom_at (self, factor, x, y);
  return TRUE;
}

static void
on_motion_cb (LmChoropleth             *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  update_hover (self);
}

static void
on_leave_cb (LmChoropleth             *self,
             GtkEventControllerMotion *controller)
{
  self->pointer_inside = FALSE;
  update_hover (self);
}

static void
on_click_pressed_cb (LmChoropleth    *self,
                     int              n_press,
                     double           x,
                     double           y,
                     GtkGestureClick *gesture)
{
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_moved = FALSE;
  if (n_press == 2)
    zoom_animated (self, 2.0, x, y);
}

static void
on_click_released_cb (LmChoropleth    *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  GdkModifierType state;
  LmSelectionMode mode = LM_SELECTION_REPLACE;

  if (n_press != 1 || self->drag_moved)
    return;
  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  if (state & GDK_CONTROL_MASK)
    mode = LM_SELECTION_TOGGLE;
  else if (state & GDK_SHIFT_MASK)
    mode = LM_SELECTION_ADD;
  lm_choropleth_select_at (self, x, y, mode);
}

/* ------------------------------------------------------------------ */
/* Actions                                                              */
/* ------------------------------------------------------------------ */

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  zoom_animated (self, ZOOM_STEP, view_of (self)->width / 2.0, view_of (self)->height / 2.0);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  zoom_animated (self, 1 / ZOOM_STEP, view_of (self)->width / 2.0, view_of (self)->height / 2.0);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  lm_choropleth_zoom_to_fit (LM_CHOROPLETH (widget));
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);
  LmMapView target = self->anim_tick_id != 0 ? self->anim_to : *view_of (self);
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  lm_map_view_pan (&target, dx * view_of (self)->width / 6.0, dy * view_of (self)->height / 6.0);
  animate_to (self, &target, FALSE);
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LmSelection *selection = get_selection (LM_CHOROPLETH (widget));

  if (selection != NULL)
    lm_selection_clear (selection);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lm_choropleth_copy_to_clipboard (LM_CHOROPLETH (widget));
}

/* ------------------------------------------------------------------ */
/* Drawing                                                              */
/* ------------------------------------------------------------------ */

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

  self->attribution_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
      _("Contains OS data © Crown copyright; IMD: MHCLG; CNI: OCSI/Local Trust"));
  pango_layout_set_attributes (self->attribution_layout, attrs);
  /* Two lines at most in a narrow map, then ellipsized. */
  pango_layout_set_wrap (self->attribution_layout, PANGO_WRAP_WORD);
  pango_layout_set_height (self->attribution_layout, -2);
  pango_layout_set_ellipsize (self->attribution_layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (self->attribution_layout, PANGO_ALIGN_RIGHT);
  pango_attr_list_unref (attrs);

  self->message_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  set_message_layout_text (self);
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

static void
snapshot_attribution (LmChoropleth *self,
                      GtkSnapshot  *snapshot,
                      const GdkRGBA *fg,
                      const GdkRGBA *bg)
{
  PangoRectangle logical;
  double max_w = view_of (self)->width - 2 * OVERLAY_MARGIN - SCALE_BAR_MAX_PX - 24;
  double x0, y0;

  if (max_w < 80)
    return;
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

static gboolean
uses_cairo_renderer (LmChoropleth *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  return renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
}

static void
lm_choropleth_snapshot (GtkWidget   *widget,
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

  if (view_of (self)->width > 0 && lm_map_cache_get_image (self->cache, &texture, &surface, &tv_storage, &f))
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

          cairo_translate (cr, px0, py0);
          cairo_scale (cr, s / f, s / f);
          cairo_set_source_surface (cr, surface, 0, 0);
          cairo_pattern_set_filter (cairo_get_source (cr),
                                    fabs (s - 1) < 1e-9 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_BILINEAR);
          cairo_paint (cr);
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
  if (self->message != NULL)
    snapshot_message (self, snapshot, &fg, &bg);
  if (have_geometry (self) && view_of (self)->width > 0)
    {
      snapshot_scale_bar (self, snapshot, &fg, &bg);
      snapshot_attribution (self, snapshot, &fg, &bg);
    }
}

/* ------------------------------------------------------------------ */
/* GtkWidget overrides                                                  */
/* ------------------------------------------------------------------ */

static void
lm_choropleth_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 150;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 700;
}

static void
lm_choropleth_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  if (width == view_of (self)->width && height == view_of (self)->height)
    return;
  /* The same rectangle of the world (the extent, or the whole layer)
   * is fitted anew to the new size. */
  stop_animation (self);
  cancel_movement (self);
  lm_map_viewport_set_size (self->viewport, width, height);
  /* The image is re-rendered for the new size in the background and
   * drawn as it is meanwhile. */
  view_changed (self);
  if (!lm_map_cache_get_image (self->cache, NULL, NULL, NULL, NULL))
    request_sync_render (self);
}

static void
lm_choropleth_map (GtkWidget *widget)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  GTK_WIDGET_CLASS (lm_choropleth_parent_class)->map (widget);
  if (self->sync_pending || !lm_map_cache_get_image (self->cache, NULL, NULL, NULL, NULL))
    request_sync_render (self);
}

static void
lm_choropleth_unmap (GtkWidget *widget)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  stop_animation (self);
  GTK_WIDGET_CLASS (lm_choropleth_parent_class)->unmap (widget);
}

static void
lm_choropleth_realize (GtkWidget *widget)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  GTK_WIDGET_CLASS (lm_choropleth_parent_class)->realize (widget);
  self->layout_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  self->layout_id = g_signal_connect_swapped (self->layout_clock, "layout",
                                              G_CALLBACK (on_frame_layout_cb), self);
}

static void
lm_choropleth_unrealize (GtkWidget *widget)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  g_clear_signal_handler (&self->layout_id, self->layout_clock);
  g_clear_object (&self->layout_clock);
  lm_map_cache_drop_image (self->cache);
  GTK_WIDGET_CLASS (lm_choropleth_parent_class)->unrealize (widget);
}

static void
lm_choropleth_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  GTK_WIDGET_CLASS (lm_choropleth_parent_class)->css_changed (widget, change);
  if (self->scale_layout != NULL)
    {
      pango_layout_context_changed (self->scale_layout);
      pango_layout_context_changed (self->attribution_layout);
      pango_layout_context_changed (self->message_layout);
    }
}

static gboolean
lm_choropleth_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);
  g_autofree char *markup = NULL;

  if (keyboard_mode || self->dragging)
    return FALSE;
  markup = lm_choropleth_get_tooltip_markup (self, x, y);
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* GObject overrides                                                    */
/* ------------------------------------------------------------------ */

static void
disconnect_model (LmChoropleth *self)
{
  if (self->model == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->model, self);
  g_signal_handlers_disconnect_by_data (lm_model_get_selection (self->model), self);
  g_clear_object (&self->model);
  self->dataset = NULL;
  self->level = NULL;
  self->variable = NULL;
  lm_map_figure_set_model (self->figure, NULL);
}

static void
lm_choropleth_dispose (GObject *object)
{
  LmChoropleth *self = LM_CHOROPLETH (object);

  /* Render jobs in flight keep the cache, not the widget: stop them
   * from calling back. */
  if (self->cache != NULL)
    lm_map_cache_set_style_func (self->cache, NULL, NULL);
  if (adw_is_initialized ())
    g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  disconnect_model (self);
  g_clear_handle_id (&self->settle_timeout_id, g_source_remove);
  stop_animation (self);
  g_clear_object (&self->cache);
  g_clear_object (&self->scale_layout);
  g_clear_object (&self->attribution_layout);
  g_clear_object (&self->message_layout);
  if (self->grids != NULL)
    g_hash_table_remove_all (self->grids);

  G_OBJECT_CLASS (lm_choropleth_parent_class)->dispose (object);
}

static void
lm_choropleth_finalize (GObject *object)
{
  LmChoropleth *self = LM_CHOROPLETH (object);

  g_free (self->level_id);
  g_free (self->variable_id);
  g_free (self->palette_name);
  g_free (self->message);
  g_clear_object (&self->figure);
  g_clear_pointer (&self->grids, g_hash_table_unref);
  g_clear_object (&self->viewport);

  G_OBJECT_CLASS (lm_choropleth_parent_class)->finalize (object);
}

static void
lm_choropleth_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LmChoropleth *self = LM_CHOROPLETH (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_LEVEL:
      g_value_set_string (value, self->level_id);
      break;
    case PROP_VARIABLE:
      g_value_set_string (value, self->variable_id);
      break;
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;
    case PROP_N_CLASSES:
      g_value_set_uint (value, self->n_classes);
      break;
    case PROP_PALETTE:
      g_value_set_string (value, self->palette_name);
      break;
    case PROP_SHOW_LEFT_BEHIND:
      g_value_set_boolean (value, self->show_left_behind);
      break;
    case PROP_EXTENT:
      g_value_set_boxed (value, lm_choropleth_get_extent (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_choropleth_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LmChoropleth *self = LM_CHOROPLETH (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      lm_choropleth_set_model (self, g_value_get_object (value));
      break;
    case PROP_LEVEL:
      lm_choropleth_set_level (self, g_value_get_string (value));
      break;
    case PROP_VARIABLE:
      lm_choropleth_set_variable (self, g_value_get_string (value));
      break;
    case PROP_METHOD:
      lm_choropleth_set_method (self, g_value_get_enum (value));
      break;
    case PROP_N_CLASSES:
      lm_choropleth_set_n_classes (self, g_value_get_uint (value));
      break;
    case PROP_PALETTE:
      lm_choropleth_set_palette (self, g_value_get_string (value));
      break;
    case PROP_SHOW_LEFT_BEHIND:
      lm_choropleth_set_show_left_behind (self, g_value_get_boolean (value));
      break;
    case PROP_EXTENT:
      lm_choropleth_set_extent (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_choropleth_class_init (LmChoroplethClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lm_choropleth_dispose;
  object_class->finalize = lm_choropleth_finalize;
  object_class->get_property = lm_choropleth_get_property;
  object_class->set_property = lm_choropleth_set_property;

  widget_class->snapshot = lm_choropleth_snapshot;
  widget_class->measure = lm_choropleth_measure;
  widget_class->size_allocate = lm_choropleth_size_allocate;
  widget_class->map = lm_choropleth_map;
  widget_class->unmap = lm_choropleth_unmap;
  widget_class->realize = lm_choropleth_realize;
  widget_class->unrealize = lm_choropleth_unrealize;
  widget_class->css_changed = lm_choropleth_css_changed;
  widget_class->query_tooltip = lm_choropleth_query_tooltip;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, LM_TYPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL] =
    g_param_spec_string ("level", NULL, NULL, "lsoa",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VARIABLE] =
    g_param_spec_string ("variable", NULL, NULL, "imd.score",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL, lm_choropleth_method_get_type (),
                       LM_CLASSIFY_QUANTILE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CLASSES] =
    g_param_spec_uint ("n-classes", NULL, NULL, LM_CLASSIFY_MIN_CLASSES, LM_CLASSIFY_MAX_CLASSES, 5,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PALETTE] =
    g_param_spec_string ("palette", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LEFT_BEHIND] =
    g_param_spec_boolean ("show-left-behind", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LmChoropleth:extent: (nullable)
   *
   * The world rectangle (the layer's coordinates) the user asked to
   * see; NULL for the whole layer, fitted. Setting it shows at least
   * that rectangle, centred, at the widget's size (at the first
   * allocation if there is none yet), and every resize fits the same
   * rectangle again. A pan, zoom or zoom to an area makes it the
   * visible rectangle once the movement ends, with one notification;
   * zoom to fit makes it NULL. Another model makes it NULL.
   */
  properties[PROP_EXTENT] =
    g_param_spec_boxed ("extent", NULL, NULL, LM_TYPE_BOUNDS,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LmChoropleth::classes-changed:
   *
   * The classification, the colours or the mapped variable changed (also
   * after every recompute, since counts move): legends redraw.
   */
  signals[CLASSES_CHANGED] = g_signal_new ("classes-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", pan_action);
  gtk_widget_class_install_action (widget_class, "map.clear-selection", NULL, clear_selection_action);
  gtk_widget_class_install_action (widget_class, "map.copy", NULL, copy_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "map.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, 0, "map.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "map.pan", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "map.pan", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "map.pan", "(ii)", 0, 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "map.pan", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "map.clear-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "map.copy", NULL);

  gtk_widget_class_set_css_name (widget_class, "choropleth");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lm_choropleth_init (LmChoropleth *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->level_id = g_strdup ("lsoa");
  self->variable_id = g_strdup ("imd.score");
  self->method = LM_CLASSIFY_QUANTILE;
  self->n_classes = 5;
  self->show_left_behind = TRUE;
  self->hover_area = -1;
  self->figure = lm_map_figure_new (NULL);
  lm_map_figure_set_show_selection (self->figure, TRUE);
  self->viewport = lm_map_viewport_new ();
  g_signal_connect_object (self->viewport, "notify::extent", G_CALLBACK (on_extent_notify_cb), self,
                           G_CONNECT_SWAPPED);
  self->cache = lm_map_cache_new ();
  lm_map_cache_set_style_func (self->cache, fill_style, self);
  g_signal_connect_object (self->cache, "changed", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
  self->grids = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) lm_hit_grid_free);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed_cb), NULL);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (on_zoom_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self);
  g_signal_connect_swapped (gesture, "end", G_CALLBACK (on_zoom_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                                GTK_EVENT_CONTROLLER_SCROLL_KINETIC);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  self->click_gesture = gesture;

  if (adw_is_initialized ())
    {
      AdwStyleManager *manager = adw_style_manager_get_default ();

      g_signal_connect_swapped (manager, "notify::dark", G_CALLBACK (on_style_changed_cb), self);
      g_signal_connect_swapped (manager, "notify::high-contrast", G_CALLBACK (on_style_changed_cb), self);
    }
  update_accessible (self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */
/* ------------------------------------------------------------------ */

GtkWidget *
lm_choropleth_new (LmModel *model)
{
  g_return_val_if_fail (model == NULL || LM_IS_MODEL (model), NULL);

  return g_object_new (LM_TYPE_CHOROPLETH, "model", model, NULL);
}

LmModel *
lm_choropleth_get_model (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return self->model;
}

void
lm_choropleth_set_model (LmChoropleth *self,
                         LmModel      *model)
{
  g_return_if_fail (LM_IS_CHOROPLETH (self));
  g_return_if_fail (model == NULL || LM_IS_MODEL (model));

  if (model == self->model)
    return;
  disconnect_model (self);
  g_hash_table_remove_all (self->grids);
  lm_map_cache_clear (self->cache);
  /* Another dataset may lie anywhere: show all of it. */
  stop_animation (self);
  cancel_movement (self);
  lm_map_viewport_set_extent (self->viewport, NULL);
  if (model != NULL)
    {
      self->model = g_object_ref (model);
      self->dataset = lm_model_get_dataset (model);
      lm_map_figure_set_model (self->figure, model);
      g_signal_connect_object (model, "recomputed", G_CALLBACK (on_model_recomputed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (lm_model_get_selection (model), "changed",
                               G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
    }
  update_level (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

const char *
lm_choropleth_get_level (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return self->level_id;
}

void
lm_choropleth_set_level (LmChoropleth *self,
                         const char   *level_id)
{
  g_return_if_fail (LM_IS_CHOROPLETH (self));
  g_return_if_fail (level_id != NULL);

  if (g_strcmp0 (self->level_id, level_id) == 0)
    return;
  g_free (self->level_id);
  self->level_id = g_strdup (level_id);
  lm_map_figure_set_level (self->figure, level_id);
  update_level (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
}

const char *
lm_choropleth_get_variable (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return self->variable_id;
}

void
lm_choropleth_set_variable (LmChoropleth *self,
                            const char   *variable_id)
{
  g_return_if_fail (LM_IS_CHOROPLETH (self));
  g_return_if_fail (variable_id != NULL);

  if (g_strcmp0 (self->variable_id, variable_id) == 0)
    return;
  g_free (self->variable_id);
  self->variable_id = g_strdup (variable_id);
  lm_map_figure_set_variable (self->figure, variable_id);
  update_variable (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VARIABLE]);
}

LmClassifyMethod
lm_choropleth_get_method (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), LM_CLASSIFY_QUANTILE);
  return self->method;
}

void
lm_choropleth_set_method (LmChoropleth     *self,
                          LmClassifyMethod  method)
{
  g_return_if_fail (LM_IS_CHOROPLETH (self));
  g_return_if_fail (method <= LM_CLASSIFY_DECILES);

  if (self->method == method)
    return;
  self->method = method;
  lm_map_figure_set_method (self->figure, method);
  recolour (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD]);
}

guint
lm_choropleth_get_n_classes (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), 0);
  return self->n_classes;
}

void
lm_choropleth_set_n_classes (LmChoropleth *self,
                             guint         n_classes)
{
  g_return_if_fail (LM_IS_CHOROPLETH (self));

  n_classes = CLAMP (n_classes, LM_CLASSIFY_MIN_CLASSES, LM_CLASSIFY_MAX_CLASSES);
  if (self->n_classes == n_classes)
    return;
  self->n_classes = n_classes;
  lm_map_figure_set_n_classes (self->figure, n_classes);
  recolour (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CLASSES]);
}

const char *
lm_choropleth_get_palette (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return self->palette_name;
}

void
lm_choropleth_set_palette (LmChoropleth *self,
                           const char   *palette)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LM_IS_CHOROPLETH (self));

  if (g_strcmp0 (self->palette_name, palette) == 0)
    return;
  if (palette != NULL && lm_palette_lookup (palette, &error) == NULL)
    {
      g_critical ("%s", error->message);
      return;
    }
  g_free (self->palette_name);
  self->palette_name = g_strdup (palette);
  lm_map_figure_set_palette (self->figure, palette);
  recolour (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PALETTE]);
}

gboolean
lm_choropleth_get_show_left_behind (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), FALSE);
  return self->show_left_behind;
}

void
lm_choropleth_set_show_left_behind (LmChoropleth *self,
                                    gboolean      show)
{
  g_return_if_fail (LM_IS_CHOROPLETH (self));

  show = !!show;
  if (self->show_left_behind == show)
    return;
  self->show_left_behind = show;
  lm_map_figure_set_show_left_behind (self->figure, show);
  g_signal_emit (self, signals[CLASSES_CHANGED], 0);
  content_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEFT_BEHIND]);
}

LmLevel *
lm_choropleth_get_current_level (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return self->level;
}

LmVariable *
lm_choropleth_get_current_variable (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return self->variable;
}

const char *
lm_choropleth_get_message (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return self->message;
}

const LmClassification *
lm_choropleth_get_classification (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return lm_map_figure_get_classification (self->figure);
}

const LmColor *
lm_choropleth_get_class_colors (LmChoropleth *self,
                                guint        *n_colors)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return lm_map_figure_get_class_colors (self->figure, n_colors);
}

const gint8 *
lm_choropleth_get_area_classes (LmChoropleth *self,
                                guint        *n_areas)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  if (self->level == NULL)
    {
      if (n_areas != NULL)
        *n_areas = 0;
      return NULL;
    }
  return lm_map_figure_get_area_classes (self->figure, n_areas);
}

LmColor
lm_choropleth_get_no_data_color (LmChoropleth *self)
{
  return lm_palette_get_no_data_color ();
}

LmLevel *
lm_choropleth_get_left_behind (LmChoropleth *self,
                               guint        *n_areas)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return lm_map_figure_get_left_behind (self->figure, n_areas, NULL);
}

const LmMapView *
lm_choropleth_get_view (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return view_of (self);
}

void
lm_choropleth_set_view (LmChoropleth    *self,
                        const LmMapView *view)
{
  g_return_if_fail (LM_IS_CHOROPLETH (self));
  g_return_if_fail (view != NULL && view->metres_per_pixel > 0);

  stop_animation (self);
  set_view_internal (self, view);
  schedule_settle (self);
}

const LmBounds *
lm_choropleth_get_extent (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return lm_map_viewport_get_extent (self->viewport);
}

void
lm_choropleth_set_extent (LmChoropleth   *self,
                          const LmBounds *extent)
{
  g_return_if_fail (LM_IS_CHOROPLETH (self));
  g_return_if_fail (extent == NULL || !lm_bounds_is_empty (extent));

  /* Equal: nothing at all, so that a two-way binding stops here. */
  if (lm_bounds_equal (lm_map_viewport_get_extent (self->viewport), extent) &&
      !lm_map_viewport_is_unsettled (self->viewport))
    return;
  stop_animation (self);
  cancel_movement (self);
  lm_map_viewport_set_extent (self->viewport, extent);
  view_changed (self);
}

void
lm_choropleth_zoom_to_fit (LmChoropleth *self)
{
  LmMapView target;

  g_return_if_fail (LM_IS_CHOROPLETH (self));

  if (!lm_map_viewport_is_sized (self->viewport))
    {
      lm_choropleth_set_extent (self, NULL);
      return;
    }
  lm_map_viewport_get_fit_view (self->viewport, NULL, 0, &target);
  animate_to (self, &target, TRUE);
}

void
lm_choropleth_zoom_to_area (LmChoropleth *self,
                            LmLevel      *level,
                            guint         area)
{
  g_autoptr(GError) error = NULL;
  const LmShapeFeature *feature;
  LmMapView target;

  g_return_if_fail (LM_IS_CHOROPLETH (self));
  g_return_if_fail (level != NULL);
  g_return_if_fail (area < level->n_areas);

  if (!ensure_shapes (self, level, &error))
    {
      g_warning ("%s", error->message);
      return;
    }
  if (level->shapes == NULL || level->feature == NULL || level->feature[area] < 0)
    return;
  feature = lm_shape_layer_get_feature (level->shapes, level->feature[area]);
  if (feature->n_parts == 0)
    return;
  if (!lm_map_viewport_is_sized (self->viewport))
    {
      /* Not allocated yet: fit once the size is known. */
      stop_animation (self);
      cancel_movement (self);
      lm_map_viewport_fit_when_sized (self->viewport, &feature->bounds, AREA_MARGIN);
      return;
    }
  lm_map_viewport_get_fit_view (self->viewport, &feature->bounds,
                                MIN (view_of (self)->width, view_of (self)->height) * AREA_MARGIN,
                                &target);
  animate_to (self, &target, FALSE);
}

void
lm_choropleth_zoom_at (LmChoropleth *self,
                       double        factor,
                       double        x,
                       double        y)
{
  LmMapView view;

  g_return_if_fail (LM_IS_CHOROPLETH (self));
  g_return_if_fail (factor > 0);

  stop_animation (self);
  view = *view_of (self);
  /* Clamp the factor rather than the result, so that the point under
   * the pointer stays put at the zoom limits too. */
  {
    double mpp = view.metres_per_pixel / factor;
    double max_mpp = lm_map_viewport_get_max_metres_per_pixel (self->viewport);

    mpp = CLAMP (mpp, LM_MAP_VIEWPORT_MIN_METRES_PER_PIXEL, max_mpp);
    factor = view.metres_per_pixel / mpp;
  }
  lm_map_view_zoom_at (&view, factor, x, y);
  set_view_internal (self, &view);
  schedule_settle (self);
}

gboolean
lm_choropleth_pick (LmChoropleth  *self,
                    double         x,
                    double         y,
                    LmLevel      **out_level,
                    guint         *out_area)
{
  int area;

  g_return_val_if_fail (LM_IS_CHOROPLETH (self), FALSE);

  area = pick_area (self, x, y);
  if (area < 0)
    return FALSE;
  if (out_level != NULL)
    *out_level = self->level;
  if (out_area != NULL)
    *out_area = (guint) area;
  return TRUE;
}

char *
lm_choropleth_get_tooltip_markup (LmChoropleth *self,
                                  double        x,
                                  double        y)
{
  int area;

  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);

  area = pick_area (self, x, y);
  if (area < 0)
    return NULL;
  return lm_map_figure_describe_area (self->figure, (guint) area);
}

void
lm_choropleth_select_at (LmChoropleth    *self,
                         double           x,
                         double           y,
                         LmSelectionMode  mode)
{
  LmSelection *selection;
  int area;

  g_return_if_fail (LM_IS_CHOROPLETH (self));

  selection = get_selection (self);
  if (selection == NULL || self->level == NULL)
    return;
  area = pick_area (self, x, y);
  if (area < 0)
    {
      if (mode == LM_SELECTION_REPLACE)
        lm_selection_clear (selection);
      return;
    }
  {
    guint a = (guint) area;

    lm_selection_select (selection, self->level, &a, 1, mode);
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

double
lm_choropleth_get_last_render_ms (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), 0);
  return lm_map_cache_get_last_render_ms (self->cache);
}
