/* lm-choropleth-input.c — the map widget: gestures, keys, animation, the view
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lm-choropleth-private.h"

#define ZOOM_STEP 1.5
#define WHEEL_ZOOM_STEP 1.25
#define ANIMATION_MS 250
/* Around an area zoomed to, as a fraction of the smaller side. */
#define AREA_MARGIN 0.125
/* A move without an end event (the wheel, set_view()) has ended once
 * it pauses this long. */
#define SETTLE_DELAY_MS 150
#define DRAG_THRESHOLD 4.0

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

int
_lm_choropleth_pick_area (LmChoropleth *self,
           double        x,
           double        y)
{
  LmHitGrid *grid;
  double wx, wy;

  /* A map not laid out yet shows nothing to pick. At start GTK asks
   * for the tooltip under a pointer that rests where the map is about
   * to appear, before its first layout: the level's hit grid (3 million
   * instructions for the wards) waits for a pointer over a drawn map. */
  if (view_of (self)->width <= 0)
    return -1;
  grid = get_grid (self, self->level);
  if (grid == NULL)
    return -1;
  lm_map_view_pixel_to_world (view_of (self), x, y, &wx, &wy);
  return lm_hit_grid_pick_area (grid, self->level, wx, wy);
}

static void
update_hover (LmChoropleth *self)
{
  int area = self->pointer_inside && !self->dragging ? _lm_choropleth_pick_area (self, self->pointer_x, self->pointer_y) : -1;

  if (area != self->hover_area)
    {
      self->hover_area = area;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* Every view change ends here: redraw from the cached image, and
 * render a new one in the background if it no longer serves. */
void
_lm_choropleth_view_changed (LmChoropleth *self)
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
  _lm_choropleth_view_changed (self);
}

/* The view jumps to the viewport's extent (or the whole layer). */
void
_lm_choropleth_cancel_movement (LmChoropleth *self)
{
  g_clear_handle_id (&self->settle_timeout_id, g_source_remove);
}

void
_lm_choropleth_stop_animation (LmChoropleth *self)
{
  if (self->anim_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->anim_tick_id);
      self->anim_tick_id = 0;
      update_moving (self);
    }
}

/* After the keyboard moved the map: the area now in the middle, said
 * to screen readers (the cross shows it). */
static void
describe_centre (LmChoropleth *self)
{
  g_autofree char *markup = NULL;
  g_autofree char *text = NULL;
  int area;

  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    return;
  area = _lm_choropleth_pick_area (self, view_of (self)->width / 2.0, view_of (self)->height / 2.0);
  if (area >= 0)
    markup = lm_map_figure_describe_area (self->figure, (guint) area);
  if (markup != NULL && pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL))
    {
      g_strdelimit (text, "\n", ';');
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      text, -1);
    }
}

/* A fit to the whole layer leaves the extent NULL (and the map following
 * the layer); any other animation makes what it shows the extent. */
static void
finish_animation (LmChoropleth *self)
{
  describe_centre (self);
  if (self->anim_fits)
    {
      g_clear_handle_id (&self->settle_timeout_id, g_source_remove);
      lm_map_viewport_set_extent (self->viewport, NULL);
      _lm_choropleth_view_changed (self);
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
  _lm_choropleth_stop_animation (self);
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
      _lm_choropleth_stop_animation (self);
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
  _lm_choropleth_stop_animation (self);
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

  _lm_choropleth_stop_animation (self);
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

/* The keyboard's pointer is the middle of the map (drawn as a cross
 * while the map has the keyboard focus): the arrows bring an area
 * there, Enter selects it. */
static void
select_centre_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  lm_choropleth_select_at (self, view_of (self)->width / 2.0, view_of (self)->height / 2.0,
                           g_variant_get_int32 (parameter));
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

  _lm_choropleth_stop_animation (self);
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
  _lm_choropleth_stop_animation (self);
  _lm_choropleth_cancel_movement (self);
  lm_map_viewport_set_extent (self->viewport, extent);
  _lm_choropleth_view_changed (self);
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

  /* The map says why when it shows that level; here nothing moves. */
  if (!_lm_choropleth_ensure_shapes (self, level, &error))
    {
      g_debug ("%s", error->message);
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
      _lm_choropleth_stop_animation (self);
      _lm_choropleth_cancel_movement (self);
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

  _lm_choropleth_stop_animation (self);
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

  area = _lm_choropleth_pick_area (self, x, y);
  if (area < 0)
    return FALSE;
  if (out_level != NULL)
    *out_level = self->level;
  if (out_area != NULL)
    *out_area = (guint) area;
  return TRUE;
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
  area = _lm_choropleth_pick_area (self, x, y);
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




void
_lm_choropleth_input_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", pan_action);
  gtk_widget_class_install_action (widget_class, "map.clear-selection", NULL, clear_selection_action);
  gtk_widget_class_install_action (widget_class, "map.select-centre", "i", select_centre_action);
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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "map.select-centre", "i",
                                       LM_SELECTION_REPLACE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "map.select-centre", "i",
                                       LM_SELECTION_REPLACE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "map.select-centre", "i",
                                       LM_SELECTION_REPLACE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_SHIFT_MASK,
                                       "map.select-centre", "i", LM_SELECTION_ADD);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, GDK_SHIFT_MASK,
                                       "map.select-centre", "i", LM_SELECTION_ADD);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, GDK_CONTROL_MASK,
                                       "map.select-centre", "i", LM_SELECTION_TOGGLE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "map.copy", NULL);
}

void
_lm_choropleth_input_init (LmChoropleth *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

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
}
