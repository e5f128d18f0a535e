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
 * inside snapshot(). The image and its renders are LmMapCache's, the
 * view and extent LmMapViewport's, the colouring LmMapFigure's.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lm-choropleth-private.h"
#include "lm-tooltips.h"


/* ------------------------------------------------------------------ */
/* The widget                                                           */
/* ------------------------------------------------------------------ */

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

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
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


/* A colour change is rendered in the update phase of the next frame,
 * after the tick callbacks (a change made in one, as a slider's drag,
 * is rendered in time for this frame's paint; a tick callback added
 * from another tick callback would only run in the next frame). Not in
 * the layout phase: under X11 GDK 4.8 lays the toplevel out in every
 * frame with a layout phase (its "compute-size"), and GtkWindow then
 * asks the X server for the monitor and its work area, some seven
 * round trips that wait on a busy X server (issue 11). */
static void
render_pending (LmChoropleth *self)
{
  if (!self->sync_pending || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->sync_pending = FALSE;
  lm_map_cache_render_now (self->cache);
}

static void
on_frame_update_cb (LmChoropleth  *self,
                    GdkFrameClock *clock)
{
  render_pending (self);
}

/* A frame that lays out (another size, something over the map moved)
 * renders what its layout asked for, such as a map of a new size. */
static void
on_frame_layout_cb (LmChoropleth  *self,
                    GdkFrameClock *clock)
{
  /* The window's own layout ran first: what lies over the map has its
   * size and place now. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    _lm_choropleth_update_covered (self);
  render_pending (self);
}

/* The colours changed: render in the update phase of the next frame,
 * so that several changes within one frame cost one render. */
void
_lm_choropleth_request_sync_render (LmChoropleth *self)
{
  self->sync_pending = TRUE;
  if (self->layout_clock != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gdk_frame_clock_request_phase (self->layout_clock, GDK_FRAME_CLOCK_PHASE_UPDATE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
content_changed (LmChoropleth *self)
{
  lm_map_cache_content_changed (self->cache);
  _lm_choropleth_request_sync_render (self);
  /* The tooltip of the area under the pointer gives its value: asked
   * again, or it would show the old value until the pointer moves. */
  if (self->hover_area >= 0)
    gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
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


static void
set_message (LmChoropleth *self,
             const char   *message)
{
  if (g_strcmp0 (self->message, message) == 0)
    return;
  g_free (self->message);
  self->message = g_strdup (message);
  if (self->message_layout != NULL)
    _lm_choropleth_set_message_layout_text (self);
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

gboolean
_lm_choropleth_ensure_shapes (LmChoropleth *self,
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
      LmLevel *land = self->level;

      /* The levels nest exactly: the coarsest one loaded has the same
       * land in far fewer vertices (regions: 3 ms, LSOAs: 100 ms). */
      for (LmLevel *up = self->level->parent_level; up != NULL; up = up->parent_level)
        if (up->shapes != NULL)
          land = up;
      lm_map_viewport_set_land (self->viewport, land->shapes);
      lm_map_viewport_set_data_bounds (self->viewport, &bounds);
    }
  else
    {
      lm_map_viewport_set_land (self->viewport, NULL);
      lm_map_viewport_set_data_bounds (self->viewport, NULL);
    }
}

static void
update_level (LmChoropleth *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shapes_error = NULL;
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
  self->level = self->level_id != NULL ? lm_dataset_find_level (self->dataset, self->level_id)
                                       : lm_dataset_get_level (self->dataset, 0);
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
   * and the level of the left-behind rule. A level whose boundaries
   * cannot be read says why, on the map, in place of a map (issue 13). */
  if (!_lm_choropleth_ensure_shapes (self, self->level, &error))
    shapes_error = g_strdup (error->message);
  g_clear_error (&error);
  for (LmLevel *up = self->level->parent_level; up != NULL; up = up->parent_level)
    if (!_lm_choropleth_ensure_shapes (self, up, &error))
      {
        g_debug ("%s", error->message);
        g_clear_error (&error);
      }
  rule = lm_dataset_get_left_behind_rule (self->dataset);
  if (rule != NULL && !_lm_choropleth_ensure_shapes (self, rule->level, &error))
    {
      g_debug ("%s", error->message);
      g_clear_error (&error);
    }

  update_data_bounds (self);
  update_variable (self);
  if (!have_geometry (self))
    {
      g_autofree char *text = NULL;

      /* Nothing of another level may stay drawn. */
      lm_map_cache_drop_image (self->cache);
      if (shapes_error != NULL)
        /* Translators: shown over the map; the second line is the reason */
        text = g_strdup_printf (_("The boundaries of the %s could not be read\n%s"),
                                lm_level_get_plural (self->level), shapes_error);
      else
        /* Translators: shown over the map when a level has no boundaries */
        text = g_strdup_printf (_("No boundaries for %s"), self->level->title);
      set_message (self, text);
    }
  _lm_choropleth_view_changed (self);
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
  /* The cache learns the new factor with the view. */
  _lm_choropleth_view_changed (self);
  _lm_choropleth_request_sync_render (self);
}











/* ------------------------------------------------------------------ */
/* Actions                                                              */
/* ------------------------------------------------------------------ */







/* ------------------------------------------------------------------ */
/* Drawing                                                              */
/* ------------------------------------------------------------------ */











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
   * is fitted anew to the new size; a movement under way goes on. */
  lm_map_viewport_set_size (self->viewport, width, height);
  /* The image is re-rendered for the new size in the background and
   * drawn as it is meanwhile. */
  _lm_choropleth_view_changed (self);
  if (!lm_map_cache_get_image (self->cache, NULL, NULL, NULL, NULL))
    _lm_choropleth_request_sync_render (self);
}

static void
lm_choropleth_map (GtkWidget *widget)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  GTK_WIDGET_CLASS (lm_choropleth_parent_class)->map (widget);
  if (self->sync_pending || !lm_map_cache_get_image (self->cache, NULL, NULL, NULL, NULL))
    _lm_choropleth_request_sync_render (self);
}

static void
lm_choropleth_unmap (GtkWidget *widget)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  _lm_choropleth_stop_animation (self);
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
  self->update_id = g_signal_connect_data (self->layout_clock, "update",
                                           G_CALLBACK (on_frame_update_cb), self, NULL,
                                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

static void
lm_choropleth_unrealize (GtkWidget *widget)
{
  LmChoropleth *self = LM_CHOROPLETH (widget);

  g_clear_signal_handler (&self->layout_id, self->layout_clock);
  g_clear_signal_handler (&self->update_id, self->layout_clock);
  g_clear_object (&self->layout_clock);
  if (self->cache != NULL)
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
  /* GTK 4.8 asks again (gtk_widget_trigger_tooltip_query) at a point
   * a few pixels off the pointer (5 in the tests), which named a
   * neighbouring area: the pointer's own position is known. */
  if (self->pointer_inside)
    markup = lm_choropleth_get_tooltip_markup (self, self->pointer_x, self->pointer_y);
  else
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
  _lm_choropleth_stop_animation (self);
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
  g_free (self->bivariate_spec);
  g_free (self->bivariate_palette);
  g_free (self->message);
  g_clear_object (&self->figure);
  g_clear_pointer (&self->grids, g_hash_table_unref);
  g_clear_object (&self->viewport);
  g_clear_pointer (&self->overlays, g_ptr_array_unref);

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

  widget_class->snapshot = _lm_choropleth_snapshot;
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
    g_param_spec_string ("level", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VARIABLE] =
    g_param_spec_string ("variable", NULL, NULL, NULL,
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

  _lm_choropleth_input_class_init (widget_class);

  gtk_widget_class_set_css_name (widget_class, "choropleth");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lm_choropleth_init (LmChoropleth *self)
{
  self->method = LM_CLASSIFY_QUANTILE;
  self->n_classes = 5;
  self->show_left_behind = TRUE;
  self->hover_area = -1;
  self->figure = lm_map_figure_new (NULL);
  lm_map_figure_set_show_selection (self->figure, TRUE);
  self->viewport = lm_map_viewport_new ();
  self->overlays = g_ptr_array_new_with_free_func (free_weak_ref);
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

  _lm_choropleth_input_init (self);

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
  _lm_choropleth_stop_animation (self);
  _lm_choropleth_cancel_movement (self);
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

void
lm_choropleth_set_bivariate (LmChoropleth *self,
                             const char   *spec,
                             const char   *palette)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  LmBivariateBreaks x_breaks = { 0 }, y_breaks = { 0 };
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LM_IS_CHOROPLETH (self));

  /* The window applies the view's choice whenever the map is made or the
   * analysis changes: the same one again classifies nothing anew (nor
   * relays the legend out, before the first frame). */
  if (self->bivariate_set && g_strcmp0 (spec, self->bivariate_spec) == 0 &&
      g_strcmp0 (palette, self->bivariate_palette) == 0)
    return;
  if (spec != NULL && !lm_bivariate_parse (spec, &x, &y, &x_breaks, &y_breaks, &error))
    {
      g_critical ("%s", error->message);
      return;
    }
  self->bivariate_set = TRUE;
  g_free (self->bivariate_spec);
  self->bivariate_spec = g_strdup (spec);
  g_free (self->bivariate_palette);
  self->bivariate_palette = g_strdup (palette);
  lm_map_figure_set_bivariate (self->figure, x, y, &x_breaks, &y_breaks);
  lm_map_figure_set_bivariate_palette (self->figure, palette);
  /* Says why, over the map, when the level lacks one of the two. */
  update_variable (self);
}

LmBivariateMap *
lm_choropleth_get_bivariate (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);
  return lm_map_figure_get_bivariate (self->figure);
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

void
lm_choropleth_set_show_attribution (LmChoropleth *self,
                                    gboolean      show)
{
  g_return_if_fail (LM_IS_CHOROPLETH (self));

  if (self->hide_attribution == !show)
    return;
  self->hide_attribution = !show;
  /* The corner it took is free for the map to use. */
  _lm_choropleth_update_covered (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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









char *
lm_choropleth_get_tooltip_markup (LmChoropleth *self,
                                  double        x,
                                  double        y)
{
  int area;

  g_return_val_if_fail (LM_IS_CHOROPLETH (self), NULL);

  if (lm_tooltips_are_suppressed (GTK_WIDGET (self)))
    return NULL;
  area = _lm_choropleth_pick_area (self, x, y);
  if (area < 0)
    return NULL;
  return lm_map_figure_describe_area (self->figure, (guint) area);
}




double
lm_choropleth_get_last_render_ms (LmChoropleth *self)
{
  g_return_val_if_fail (LM_IS_CHOROPLETH (self), 0);
  return lm_map_cache_get_last_render_ms (self->cache);
}

/**
 * lm_choropleth_add_overlay:
 * @self: a map
 * @overlay: a widget laid over the map (its legend, zoom buttons)
 *
 * Fits of the whole layer and zooms to an area keep clear of @overlay
 * (and of the map's own scale bar and credit line): they use the free
 * rectangle where what they fit shows largest. Held weakly.
 */
void
lm_choropleth_add_overlay (LmChoropleth *self,
                           GtkWidget    *overlay)
{
  GWeakRef *ref;

  g_return_if_fail (LM_IS_CHOROPLETH (self));
  g_return_if_fail (GTK_IS_WIDGET (overlay));

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, overlay);
  g_ptr_array_add (self->overlays, ref);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}
