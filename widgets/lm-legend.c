/* lm-legend.c — the on-screen legend of a choropleth
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "lm-custom-weights.h"
#include "lm-legend.h"
#include "lm-legend-renderer.h"

#define PADDING 8.0

struct _LmLegend
{
  GtkWidget         parent_instance;

  /* Owned references */
  LmChoropleth     *map;
  LmLegendRenderer *renderer;
  GskRenderNode    *node;          /* cached drawing, dropped on change */

  gboolean          have_classes;
  double            width;
  double            height;
  int               hover_row;
};

G_DEFINE_FINAL_TYPE (LmLegend, lm_legend, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MAP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* Auxiliary methods                                                    */
/* ------------------------------------------------------------------ */

static gboolean
is_dark (void)
{
  return adw_is_initialized () && adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
update_accessible (LmLegend *self)
{
  const LmClassification *classes = self->map ? lm_choropleth_get_classification (self->map) : NULL;
  LmVariable *variable = self->map ? lm_choropleth_get_current_variable (self->map) : NULL;
  g_autoptr(GString) description = g_string_new (NULL);

  if (classes != NULL && variable != NULL)
    {
      g_string_append_printf (description, "%s.", variable->title);
      for (int k = (int) classes->n_classes - 1; k >= 0; k--)
        {
          g_autofree char *lower = lm_variable_format_value (variable, classes->lower[k]);
          g_autofree char *upper = lm_variable_format_value (variable, classes->upper[k]);

          g_string_append_c (description, ' ');
          /* Translators: one legend class for screen readers: bounds and count */
          g_string_append_printf (description,
                                  ngettext ("%s to %s: %u area.", "%s to %s: %u areas.",
                                            classes->count[k]),
                                  lower, upper, classes->count[k]);
        }
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map legend"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

/* The legend's type follows the CSS font of the widget, so the
 * presentation view's larger type reaches it too. The renderer's own
 * default (13 px) matches the normal 11 pt interface font. */
static void
sync_font (LmLegend *self)
{
  PangoContext *context = gtk_widget_create_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *desc = pango_context_get_font_description (context);
  double size, dpi;

  if (desc == NULL || pango_font_description_get_size (desc) <= 0)
    {
      g_object_unref (context);
      return;
    }
  size = (double) pango_font_description_get_size (desc) / PANGO_SCALE;
  if (!pango_font_description_get_size_is_absolute (desc))
    {
      dpi = pango_cairo_context_get_resolution (context);
      size *= (dpi > 0 ? dpi : 96.0) / 72.0;
    }
  lm_legend_renderer_set_font (self->renderer, pango_font_description_get_family (desc),
                               size * 13.0 / (11.0 * 96.0 / 72.0));
  g_object_unref (context);
}

static void
update_legend (LmLegend *self)
{
  const LmClassification *classes = NULL;
  LmVariable *variable = NULL;
  double old_width, old_height;
  LmColor fg;

  g_clear_pointer (&self->node, gsk_render_node_unref);
  self->hover_row = LM_LEGEND_HIT_NONE;
  if (self->map != NULL)
    {
      classes = lm_choropleth_get_classification (self->map);
      variable = lm_choropleth_get_current_variable (self->map);
    }
  self->have_classes = classes != NULL && variable != NULL;
  if (self->have_classes)
    {
      LmModel *model = lm_choropleth_get_model (self->map);
      LmLevel *level = lm_choropleth_get_current_level (self->map);
      LmColor no_data = lm_choropleth_get_no_data_color (self->map);
      const LmColor *colors = lm_choropleth_get_class_colors (self->map, NULL);
      g_autofree char *subtitle = NULL;
      g_autofree char *custom = model != NULL ? lm_custom_weights_describe (model) : NULL;
      LmLevel *rule_level;
      guint n_left_behind;

      lm_legend_renderer_set_classes (self->renderer, variable, classes, colors, &no_data);
      lm_legend_renderer_set_custom_weights (self->renderer, custom);
      if (model != NULL && level != NULL)
        subtitle = g_strdup_printf ("%s · %s", lm_dataset_get_title (lm_model_get_dataset (model)),
                                    level->title);
      lm_legend_renderer_set_title (self->renderer, NULL, subtitle);
      rule_level = lm_choropleth_get_left_behind (self->map, &n_left_behind);
      lm_legend_renderer_set_left_behind (self->renderer,
                                          rule_level != NULL &&
                                          lm_choropleth_get_show_left_behind (self->map),
                                          rule_level != NULL
                                          ? lm_dataset_get_left_behind_rule (lm_model_get_dataset (model))->flag->title
                                          : NULL,
                                          n_left_behind);
    }
  fg = is_dark () ? (LmColor) { 0.95, 0.95, 0.95, 1 } : (LmColor) { 0.1, 0.1, 0.1, 1 };
  lm_legend_renderer_set_foreground (self->renderer, &fg);
  old_width = self->width;
  old_height = self->height;
  if (self->have_classes)
    lm_legend_renderer_measure (self->renderer, NULL, &self->width, &self->height);
  else
    self->width = self->height = 0;
  update_accessible (self);
  /* Every weight change lands here: relayout the window only when the
   * legend's size really changed, or the slider misses its frame. */
  if (self->width != old_width || self->height != old_height)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                            */
/* ------------------------------------------------------------------ */

static void
on_classes_changed_cb (LmLegend     *self,
                       LmChoropleth *map)
{
  update_legend (self);
}

static void
on_style_changed_cb (LmLegend   *self,
                     GParamSpec *pspec,
                     gpointer    manager)
{
  update_legend (self);
}

static void
on_motion_cb (LmLegend                 *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  int row = lm_legend_hit_test (self, x, y);

  if (row == LM_LEGEND_HIT_TITLE)
    row = LM_LEGEND_HIT_NONE;
  if (row == self->hover_row)
    return;
  self->hover_row = row;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), row != LM_LEGEND_HIT_NONE ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave_cb (LmLegend                 *self,
             GtkEventControllerMotion *controller)
{
  if (self->hover_row != LM_LEGEND_HIT_NONE)
    {
      self->hover_row = LM_LEGEND_HIT_NONE;
      gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_click_released_cb (LmLegend        *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  int row = lm_legend_hit_test (self, x, y);

  lm_legend_select_row (self, row, (state & GDK_SHIFT_MASK) ? LM_SELECTION_ADD : LM_SELECTION_REPLACE);
}

/* ------------------------------------------------------------------ */
/* GtkWidget overrides                                                  */
/* ------------------------------------------------------------------ */

static void
lm_legend_css_changed (GtkWidget         *widget,
                       GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (lm_legend_parent_class)->css_changed (widget, change);
  sync_font (LM_LEGEND (widget));
  update_legend (LM_LEGEND (widget));
}

static void
lm_legend_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  LmLegend *self = LM_LEGEND (widget);
  double size = orientation == GTK_ORIENTATION_HORIZONTAL ? self->width : self->height;

  *minimum = *natural = size > 0 ? (int) ceil (size + 2 * PADDING) : 0;
}

static void
lm_legend_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  LmLegend *self = LM_LEGEND (widget);
  double x, y, w, h;

  if (!self->have_classes)
    return;
  if (self->node == NULL)
    {
      GtkSnapshot *child = gtk_snapshot_new ();
      cairo_t *cr = gtk_snapshot_append_cairo (child,
                                               &GRAPHENE_RECT_INIT (0, 0, self->width + 2 * PADDING,
                                                                    self->height + 2 * PADDING));
      lm_legend_renderer_draw (self->renderer, cr, PADDING, PADDING);
      cairo_destroy (cr);
      self->node = gtk_snapshot_free_to_node (child);
    }
  if (self->hover_row != LM_LEGEND_HIT_NONE &&
      lm_legend_renderer_get_row_rect (self->renderer, self->hover_row, &x, &y, &w, &h))
    {
      GdkRGBA tint = is_dark () ? (GdkRGBA) { 1, 1, 1, 0.1 } : (GdkRGBA) { 0, 0, 0, 0.07 };

      gtk_snapshot_append_color (snapshot, &tint,
                                 &GRAPHENE_RECT_INIT (PADDING + x - 4, PADDING + y, w + 8, h));
    }
  if (self->node != NULL)
    gtk_snapshot_append_node (snapshot, self->node);
}

/* ------------------------------------------------------------------ */
/* GObject overrides                                                    */
/* ------------------------------------------------------------------ */

static void
lm_legend_dispose (GObject *object)
{
  LmLegend *self = LM_LEGEND (object);

  if (adw_is_initialized ())
    g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  g_clear_object (&self->map);
  g_clear_pointer (&self->node, gsk_render_node_unref);

  G_OBJECT_CLASS (lm_legend_parent_class)->dispose (object);
}

static void
lm_legend_finalize (GObject *object)
{
  LmLegend *self = LM_LEGEND (object);

  g_clear_pointer (&self->renderer, lm_legend_renderer_free);

  G_OBJECT_CLASS (lm_legend_parent_class)->finalize (object);
}

static void
lm_legend_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LmLegend *self = LM_LEGEND (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_legend_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LmLegend *self = LM_LEGEND (object);

  switch (prop_id)
    {
    case PROP_MAP:
      lm_legend_set_map (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_legend_class_init (LmLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lm_legend_dispose;
  object_class->finalize = lm_legend_finalize;
  object_class->get_property = lm_legend_get_property;
  object_class->set_property = lm_legend_set_property;

  widget_class->measure = lm_legend_measure;
  widget_class->css_changed = lm_legend_css_changed;
  widget_class->snapshot = lm_legend_snapshot;

  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, LM_TYPE_CHOROPLETH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "legend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lm_legend_init (LmLegend *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->renderer = lm_legend_renderer_new ();
  self->hover_row = LM_LEGEND_HIT_NONE;

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  if (adw_is_initialized ())
    g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                              G_CALLBACK (on_style_changed_cb), self);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _("Click a class to select its areas; Shift+click adds them"));
  update_accessible (self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */
/* ------------------------------------------------------------------ */

GtkWidget *
lm_legend_new (LmChoropleth *map)
{
  g_return_val_if_fail (map == NULL || LM_IS_CHOROPLETH (map), NULL);

  return g_object_new (LM_TYPE_LEGEND, "map", map, NULL);
}

LmChoropleth *
lm_legend_get_map (LmLegend *self)
{
  g_return_val_if_fail (LM_IS_LEGEND (self), NULL);
  return self->map;
}

void
lm_legend_set_map (LmLegend     *self,
                   LmChoropleth *map)
{
  g_return_if_fail (LM_IS_LEGEND (self));
  g_return_if_fail (map == NULL || LM_IS_CHOROPLETH (map));

  if (self->map == map)
    return;
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  g_set_object (&self->map, map);
  if (map != NULL)
    {
      g_signal_connect_object (map, "classes-changed", G_CALLBACK (on_classes_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (map, "notify::show-left-behind", G_CALLBACK (on_classes_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  update_legend (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}

int
lm_legend_hit_test (LmLegend *self,
                    double    x,
                    double    y)
{
  g_return_val_if_fail (LM_IS_LEGEND (self), LM_LEGEND_HIT_NONE);

  if (!self->have_classes)
    return LM_LEGEND_HIT_NONE;
  return lm_legend_renderer_hit_test (self->renderer, x - PADDING, y - PADDING);
}

void
lm_legend_set_show_counts (LmLegend *self,
                           gboolean  show_counts)
{
  g_return_if_fail (LM_IS_LEGEND (self));

  lm_legend_renderer_set_show_counts (self->renderer, show_counts);
  update_legend (self);
}

gboolean
lm_legend_select_row (LmLegend        *self,
                      int              row,
                      LmSelectionMode  mode)
{
  g_autoptr(GArray) areas = NULL;
  LmModel *model;
  LmSelection *selection;
  LmLevel *level = NULL;
  const gint8 *classes;
  guint n_areas = 0;

  g_return_val_if_fail (LM_IS_LEGEND (self), FALSE);

  if (self->map == NULL || (model = lm_choropleth_get_model (self->map)) == NULL)
    return FALSE;
  selection = lm_model_get_selection (model);
  areas = g_array_new (FALSE, FALSE, sizeof (guint));

  if (row == LM_LEGEND_HIT_LEFT_BEHIND)
    {
      LmVariable *flag;

      level = lm_choropleth_get_left_behind (self->map, NULL);
      if (level == NULL)
        return FALSE;
      flag = lm_dataset_get_left_behind_rule (lm_model_get_dataset (model))->flag;
      for (guint a = 0; flag != NULL && a < level->n_areas; a++)
        if (flag->values[a] == 1)
          g_array_append_val (areas, a);
    }
  else if (row >= 0 || row == LM_LEGEND_HIT_NO_DATA)
    {
      int wanted = row >= 0 ? row : -1;

      level = lm_choropleth_get_current_level (self->map);
      classes = lm_choropleth_get_area_classes (self->map, &n_areas);
      if (level == NULL || classes == NULL)
        return FALSE;
      for (guint a = 0; a < n_areas; a++)
        if (classes[a] == wanted)
          g_array_append_val (areas, a);
    }
  else
    return FALSE;

  if (areas->len == 0 && mode != LM_SELECTION_REPLACE)
    return TRUE;
  if (areas->len == 0)
    lm_selection_clear (selection);
  else
    lm_selection_select (selection, level, (const guint *) (gpointer) areas->data, areas->len, mode);
  return TRUE;
}
