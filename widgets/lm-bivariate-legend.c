/* lm-bivariate-legend.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "lm-bivariate-legend.h"
#include "lm-bivariate-legend-renderer.h"
#include "lm-legend-private.h"

#define PADDING 8.0

struct _LmBivariateLegend
{
  GtkWidget                  parent_instance;

  /* Owned references */
  LmChoropleth              *map;
  LmBivariateLegendRenderer *renderer;  /* NULL while the map has one variable */
  GskRenderNode             *node;      /* cached drawing, dropped on change */

  double                     width;
  double                     height;
  int                        hover_cell;
};

G_DEFINE_FINAL_TYPE (LmBivariateLegend, lm_bivariate_legend, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MAP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static void
update_accessible (LmBivariateLegend *self)
{
  g_autoptr(GString) description = g_string_new (NULL);

  for (guint c = 0; self->renderer != NULL && c < LM_BIVARIATE_CELLS; c++)
    {
      g_autofree char *cell = lm_bivariate_legend_renderer_describe_cell (self->renderer, c);

      g_string_append_printf (description, "%s%s.", c > 0 ? " " : "", cell);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Key of the bivariate map"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

static void
update_key (LmBivariateLegend *self)
{
  LmBivariateMap *bivariate = self->map != NULL ? lm_choropleth_get_bivariate (self->map) : NULL;
  double old_width = self->width, old_height = self->height;
  LmColor fg = _lm_legend_is_dark () ? (LmColor) { 0.95, 0.95, 0.95, 1 }
                                      : (LmColor) { 0.1, 0.1, 0.1, 1 };

  g_clear_pointer (&self->node, gsk_render_node_unref);
  g_clear_pointer (&self->renderer, lm_bivariate_legend_renderer_free);
  self->hover_cell = -1;
  self->width = self->height = 0;
  if (bivariate != NULL)
    {
      self->renderer = lm_bivariate_map_make_legend (bivariate, 13, 0);
      lm_bivariate_legend_renderer_set_foreground (self->renderer, &fg);
      lm_bivariate_legend_renderer_measure (self->renderer, NULL, &self->width, &self->height);
    }
  update_accessible (self);
  if (self->width != old_width || self->height != old_height)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Callbacks */

static void
on_classes_changed_cb (LmBivariateLegend *self)
{
  update_key (self);
}

static void
on_motion_cb (LmBivariateLegend        *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  int cell = lm_bivariate_legend_hit_test (self, x, y);
  g_autofree char *tooltip = NULL;

  if (cell == self->hover_cell)
    return;
  self->hover_cell = cell;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cell >= 0 ? "pointer" : NULL);
  if (cell >= 0)
    tooltip = lm_bivariate_legend_renderer_describe_cell (self->renderer, (guint) cell);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               tooltip != NULL ? tooltip
                               : _("Click a cell to select its areas; Shift+click adds them"));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave_cb (LmBivariateLegend        *self,
             GtkEventControllerMotion *controller)
{
  if (self->hover_cell < 0)
    return;
  self->hover_cell = -1;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_click_released_cb (LmBivariateLegend *self,
                      int                n_press,
                      double             x,
                      double             y,
                      GtkGestureClick   *gesture)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  lm_bivariate_legend_select_cell (self, lm_bivariate_legend_hit_test (self, x, y),
                                   (state & GDK_SHIFT_MASK) ? LM_SELECTION_ADD : LM_SELECTION_REPLACE);
}

/* GtkWidget overrides */

static void
lm_bivariate_legend_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  LmBivariateLegend *self = LM_BIVARIATE_LEGEND (widget);
  double size = orientation == GTK_ORIENTATION_HORIZONTAL ? self->width : self->height;

  *minimum = *natural = size > 0 ? (int) ceil (size + 2 * PADDING) : 0;
}

static void
lm_bivariate_legend_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  LmBivariateLegend *self = LM_BIVARIATE_LEGEND (widget);
  double x, y, w, h;

  if (self->renderer == NULL)
    return;
  if (self->node == NULL)
    {
      GtkSnapshot *child = gtk_snapshot_new ();
      cairo_t *cr = gtk_snapshot_append_cairo (child,
                                               &GRAPHENE_RECT_INIT (0, 0, self->width + 2 * PADDING,
                                                                    self->height + 2 * PADDING));

      lm_bivariate_legend_renderer_draw (self->renderer, cr, PADDING, PADDING);
      cairo_destroy (cr);
      self->node = gtk_snapshot_free_to_node (child);
    }
  gtk_snapshot_append_node (snapshot, self->node);
  if (self->hover_cell >= 0 &&
      lm_bivariate_legend_renderer_get_cell_rect (self->renderer, (guint) self->hover_cell, &x, &y, &w, &h))
    {
      GskRoundedRect outline;
      float widths[4] = { 2, 2, 2, 2 };
      GdkRGBA colors[4];

      for (guint i = 0; i < 4; i++)
        colors[i] = _lm_legend_is_dark () ? (GdkRGBA) { 1, 1, 1, 1 }
                                          : (GdkRGBA) { 0, 0, 0, 1 };
      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (PADDING + x - 1, PADDING + y - 1,
                                                                       w + 1, h + 1), 0);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}

/* GObject overrides */

static void
lm_bivariate_legend_dispose (GObject *object)
{
  LmBivariateLegend *self = LM_BIVARIATE_LEGEND (object);

  if (adw_is_initialized ())
    g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  g_clear_object (&self->map);
  g_clear_pointer (&self->node, gsk_render_node_unref);
  g_clear_pointer (&self->renderer, lm_bivariate_legend_renderer_free);

  G_OBJECT_CLASS (lm_bivariate_legend_parent_class)->dispose (object);
}

static void
lm_bivariate_legend_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LmBivariateLegend *self = LM_BIVARIATE_LEGEND (object);

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
lm_bivariate_legend_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LmBivariateLegend *self = LM_BIVARIATE_LEGEND (object);

  switch (prop_id)
    {
    case PROP_MAP:
      lm_bivariate_legend_set_map (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_bivariate_legend_class_init (LmBivariateLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lm_bivariate_legend_dispose;
  object_class->get_property = lm_bivariate_legend_get_property;
  object_class->set_property = lm_bivariate_legend_set_property;
  widget_class->measure = lm_bivariate_legend_measure;
  widget_class->snapshot = lm_bivariate_legend_snapshot;

  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, LM_TYPE_CHOROPLETH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "legend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lm_bivariate_legend_init (LmBivariateLegend *self)
{
  self->hover_cell = -1;
  _lm_legend_add_controllers (GTK_WIDGET (self), G_CALLBACK (on_motion_cb),
                              G_CALLBACK (on_leave_cb), G_CALLBACK (on_click_released_cb),
                              G_CALLBACK (on_classes_changed_cb));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _("Click a cell to select its areas; Shift+click adds them"));
}

/* Public API */

GtkWidget *
lm_bivariate_legend_new (LmChoropleth *map)
{
  g_return_val_if_fail (map == NULL || LM_IS_CHOROPLETH (map), NULL);
  return g_object_new (LM_TYPE_BIVARIATE_LEGEND, "map", map, NULL);
}

LmChoropleth *
lm_bivariate_legend_get_map (LmBivariateLegend *self)
{
  g_return_val_if_fail (LM_IS_BIVARIATE_LEGEND (self), NULL);
  return self->map;
}

void
lm_bivariate_legend_set_map (LmBivariateLegend *self,
                             LmChoropleth      *map)
{
  g_return_if_fail (LM_IS_BIVARIATE_LEGEND (self));
  g_return_if_fail (map == NULL || LM_IS_CHOROPLETH (map));

  if (self->map == map)
    return;
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  g_set_object (&self->map, map);
  if (map != NULL)
    g_signal_connect_object (map, "classes-changed", G_CALLBACK (on_classes_changed_cb), self,
                             G_CONNECT_SWAPPED);
  update_key (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}

int
lm_bivariate_legend_hit_test (LmBivariateLegend *self,
                              double             x,
                              double             y)
{
  g_return_val_if_fail (LM_IS_BIVARIATE_LEGEND (self), -1);

  if (self->renderer == NULL)
    return -1;
  return lm_bivariate_legend_renderer_hit_test (self->renderer, x - PADDING, y - PADDING);
}

gboolean
lm_bivariate_legend_select_cell (LmBivariateLegend *self,
                                 int                cell,
                                 LmSelectionMode    mode)
{
  g_autoptr(GArray) areas = NULL;
  LmModel *model;
  LmLevel *level;
  const gint8 *cells;
  guint n_areas = 0;

  g_return_val_if_fail (LM_IS_BIVARIATE_LEGEND (self), FALSE);

  if (cell < 0 || self->map == NULL || lm_choropleth_get_bivariate (self->map) == NULL ||
      (model = lm_choropleth_get_model (self->map)) == NULL ||
      (level = lm_choropleth_get_current_level (self->map)) == NULL ||
      (cells = lm_choropleth_get_area_classes (self->map, &n_areas)) == NULL)
    return FALSE;
  areas = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint a = 0; a < n_areas; a++)
    if (cells[a] == cell)
      g_array_append_val (areas, a);
  _lm_legend_select_areas (model, level, areas, mode);
  return TRUE;
}
