/* lm-scatter-plot.c
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lm-scatter-plot-private.h"
#include "lm-tooltips.h"

G_DEFINE_FINAL_TYPE (LmScatterPlot, lm_scatter_plot, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (LmScatterColourBy, lm_scatter_colour_by,
  G_DEFINE_ENUM_VALUE (LM_SCATTER_COLOUR_NONE, "none"),
  G_DEFINE_ENUM_VALUE (LM_SCATTER_COLOUR_REGION, "region"),
  G_DEFINE_ENUM_VALUE (LM_SCATTER_COLOUR_LEFT_BEHIND, "left-behind"))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_LEVEL_ID,
  PROP_X_ID,
  PROP_Y_ID,
  PROP_WEIGHTED,
  PROP_COLOUR_BY,
  PROP_SHOW_CUTOFFS,
  PROP_SHOW_INTERVALS,
  PROP_TEXT_SCALE,
  N_PROPS
};

enum {
  AREA_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Following the model                                                */
/* ------------------------------------------------------------------ */

static void
clear_base (LmScatterPlot *self)
{
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_accessible (LmScatterPlot *self)
{
  LmVariable *x = lm_scatter_renderer_get_x (self->renderer);
  LmVariable *y = lm_scatter_renderer_get_y (self->renderer);
  LmLevel *level = lm_scatter_renderer_get_level (self->renderer);
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  if (x == NULL || y == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Scatter plot"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Nothing to plot"),
                                      -1);
      return;
    }

  /* Translators: "Scatter plot of Leave vote 2016 (%) against IMD score,
   * Local authorities (2019)" */
  label = g_strdup_printf (_("Scatter plot of %s against %s, %s"),
                           y->title, x->title, level->title);
  {
    g_auto(GStrv) lines = lm_scatter_renderer_format_stats (self->renderer);
    g_autofree char *joined = g_strjoinv ("; ", lines);

    description = g_strdup (joined);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* The cut-offs move with the weights, so they are looked up again after
 * every recompute. */
static void
update_cutoffs (LmScatterPlot *self)
{
  LmLevel *level = lm_scatter_renderer_get_level (self->renderer);
  double x_cut = NAN, y_cut = NAN;

  if (self->model != NULL && level != NULL)
    lm_scatter_find_cutoffs (lm_model_get_dataset (self->model), level,
                             lm_scatter_renderer_get_x (self->renderer),
                             lm_scatter_renderer_get_y (self->renderer),
                             &x_cut, &y_cut);
  lm_scatter_renderer_set_cutoffs (self->renderer, x_cut, y_cut);
}

static void
update_data (LmScatterPlot *self)
{
  LmVariable *x = NULL;
  LmVariable *y = NULL;
  LmLevel *level = NULL;
  const LmVariable *flags = NULL;

  if (self->model != NULL && self->level_id != NULL && self->x_id != NULL && self->y_id != NULL)
    {
      LmDataset *dataset = lm_model_get_dataset (self->model);
      LmLeftBehindRule *rule = lm_dataset_get_left_behind_rule (dataset);

      x = lm_dataset_find_variable (dataset, self->level_id, self->x_id);
      y = lm_dataset_find_variable (dataset, self->level_id, self->y_id);
      if (x == NULL || y == NULL)
        x = y = NULL;
      else
        level = x->level;
      if (rule != NULL)
        flags = rule->flag;
    }

  lm_scatter_renderer_set_variables (self->renderer, level, x, y);
  lm_scatter_renderer_set_left_behind (self->renderer, flags);
  update_cutoffs (self);
  self->hover = -1;
  update_accessible (self);
  clear_base (self);
}

/* Whether a recompute changed anything the plot shows. Most weight
 * changes move neither axis of the plot on screen (say, Leave against
 * CNI while an IMD weight moves): then the picture, statistics and key
 * stay as they are, and the window has one picture fewer to repaint
 * in that frame. */
static gboolean
data_changed (LmScatterPlot *self)
{
  LmLevel *level = lm_scatter_renderer_get_level (self->renderer);
  LmVariable *x = lm_scatter_renderer_get_x (self->renderer);
  LmVariable *y = lm_scatter_renderer_get_y (self->renderer);
  LmDataset *dataset = self->model != NULL ? lm_model_get_dataset (self->model) : NULL;
  LmLeftBehindRule *rule = dataset != NULL ? lm_dataset_get_left_behind_rule (dataset) : NULL;
  /* The flags only colour the points when the plot colours by them. */
  const LmVariable *flags = rule != NULL &&
                            lm_scatter_renderer_get_colour_by (self->renderer) == LM_SCATTER_COLOUR_LEFT_BEHIND
                            ? rule->flag : NULL;
  const void *pointers[4] = { level, x, y, flags };
  double cuts[2] = { NAN, NAN };
  GByteArray *now = g_byte_array_new ();
  gboolean changed;

  if (dataset != NULL && level != NULL)
    lm_scatter_find_cutoffs (dataset, level, x, y, &cuts[0], &cuts[1]);
  g_byte_array_append (now, (const guint8 *) pointers, sizeof pointers);
  g_byte_array_append (now, (const guint8 *) cuts, sizeof cuts);
  if (level != NULL && x != NULL && y != NULL)
    {
      g_byte_array_append (now, (const guint8 *) x->values, level->n_areas * sizeof (double));
      g_byte_array_append (now, (const guint8 *) y->values, level->n_areas * sizeof (double));
    }
  if (flags != NULL)
    g_byte_array_append (now, (const guint8 *) flags->values, flags->level->n_areas * sizeof (double));

  changed = self->drawn_from == NULL || self->drawn_from->len != now->len ||
            memcmp (self->drawn_from->data, now->data, now->len) != 0;
  g_clear_pointer (&self->drawn_from, g_byte_array_unref);
  self->drawn_from = now;
  return changed;
}

static void
on_recomputed (LmScatterPlot *self)
{
  if (!data_changed (self))
    return;
  lm_scatter_renderer_invalidate (self->renderer);
  update_cutoffs (self);
  update_accessible (self);
  clear_base (self);
}

static void
on_selection_changed (LmScatterPlot *self)
{
  /* Only the overlay shows the selection: no new base. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_dark_changed (LmScatterPlot   *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *manager)
{
  lm_scatter_renderer_set_dark (self->renderer, adw_style_manager_get_dark (manager));
  clear_base (self);
}

/* ------------------------------------------------------------------ */
/* Selection and hover                                                */
/* ------------------------------------------------------------------ */

static LmSelectionMode
mode_for_state (GdkModifierType state,
                gboolean        click)
{
  if (state & GDK_CONTROL_MASK)
    return click ? LM_SELECTION_TOGGLE : LM_SELECTION_ADD;
  if (state & GDK_SHIFT_MASK)
    return LM_SELECTION_ADD;
  return LM_SELECTION_REPLACE;
}

/**
 * lm_scatter_plot_select_rect:
 * @self: a plot
 * @x0: a corner, widget coordinates
 * @y0: a corner
 * @x1: the opposite corner
 * @y1: the opposite corner
 * @mode: how the points inside combine with the selection
 *
 * Selects the areas whose points lie inside the rectangle.
 */
void
lm_scatter_plot_select_rect (LmScatterPlot   *self,
                             double           x0,
                             double           y0,
                             double           x1,
                             double           y1,
                             LmSelectionMode  mode)
{
  LmLevel *level;
  g_autoptr(GArray) areas = NULL;

  g_return_if_fail (LM_IS_SCATTER_PLOT (self));

  level = lm_scatter_renderer_get_level (self->renderer);
  if (self->selection == NULL || level == NULL)
    return;
  lm_scatter_renderer_set_size (self->renderer,
                                gtk_widget_get_width (GTK_WIDGET (self)),
                                gtk_widget_get_height (GTK_WIDGET (self)));
  areas = lm_scatter_renderer_find_in_rect (self->renderer, x0, y0, x1, y1);
  lm_selection_select (self->selection, level, (const guint *) (gpointer) areas->data,
                       areas->len, mode);
}

static void
click_at (LmScatterPlot   *self,
          double           x,
          double           y,
          GdkModifierType  state)
{
  LmLevel *level = lm_scatter_renderer_get_level (self->renderer);
  int area;

  if (self->selection == NULL || level == NULL)
    return;
  area = lm_scatter_renderer_find_nearest (self->renderer, x, y, HIT_RADIUS * self->text_scale);
  if (area >= 0)
    {
      guint a = (guint) area;

      lm_selection_select (self->selection, level, &a, 1, mode_for_state (state, TRUE));
    }
  else if (mode_for_state (state, TRUE) == LM_SELECTION_REPLACE)
    {
      /* A click on empty paper clears, as in file managers. */
      lm_selection_clear (self->selection);
    }
}

void
_lm_scatter_plot_set_hover (LmScatterPlot *self,
                            int            hover)
{
  if (self->hover == hover)
    return;
  self->hover = hover;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hover >= 0 ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (LmScatterPlot            *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  if (self->dragging)
    return;
  _lm_scatter_plot_set_hover (self, lm_scatter_renderer_find_nearest (self->renderer, x, y,
                                                     HIT_RADIUS * self->text_scale));
}

static void
on_leave (LmScatterPlot            *self,
          GtkEventControllerMotion *controller)
{
  _lm_scatter_plot_set_hover (self, -1);
}

static void
on_drag_begin (LmScatterPlot  *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  self->drag_x0 = self->drag_x1 = x;
  self->drag_y0 = self->drag_y1 = y;
  self->dragging = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_drag_update (LmScatterPlot  *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  self->drag_x1 = self->drag_x0 + dx;
  self->drag_y1 = self->drag_y0 + dy;
  if (!self->dragging && hypot (dx, dy) >= DRAG_SLOP)
    {
      self->dragging = TRUE;
      _lm_scatter_plot_set_hover (self, -1);
    }
  if (self->dragging)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end (LmScatterPlot  *self,
             double          dx,
             double          dy,
             GtkGestureDrag *gesture)
{
  GtkEventController *controller = GTK_EVENT_CONTROLLER (gesture);
  GdkModifierType state = gtk_event_controller_get_current_event_state (controller);

  self->drag_x1 = self->drag_x0 + dx;
  self->drag_y1 = self->drag_y0 + dy;
  if (self->dragging || hypot (dx, dy) >= DRAG_SLOP)
    {
      self->dragging = FALSE;
      lm_scatter_plot_select_rect (self, self->drag_x0, self->drag_y0,
                                   self->drag_x1, self->drag_y1, mode_for_state (state, FALSE));
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else
    {
      click_at (self, self->drag_x0, self->drag_y0, state);
    }
}

static void
on_pressed (LmScatterPlot   *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *gesture)
{
  int area;

  if (n_press != 2)
    return;
  area = lm_scatter_renderer_find_nearest (self->renderer, x, y, HIT_RADIUS * self->text_scale);
  if (area >= 0)
    g_signal_emit (self, signals[AREA_ACTIVATED], 0,
                   lm_scatter_renderer_get_level (self->renderer), (guint) area);
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LmScatterPlot *self = LM_SCATTER_PLOT (widget);

  if (self->dragging)
    {
      /* Escape during a rubber band abandons it. */
      self->dragging = FALSE;
      gtk_widget_queue_draw (widget);
      return;
    }
  if (self->selection != NULL)
    lm_selection_clear (self->selection);
}

/* ------------------------------------------------------------------ */
/* Tooltip                                                            */
/* ------------------------------------------------------------------ */

static char *
describe_value (const LmVariable *variable,
                guint             area)
{
  g_autofree char *value = lm_variable_format_value (variable, variable->values[area]);
  LmVariable *rank = lm_scatter_find_rank_variable (variable);

  if (rank != NULL && !isnan (rank->values[area]))
    {
      g_autofree char *rank_text = lm_variable_format_value (rank, rank->values[area]);

      /* Translators: "IMD score: 34.2 (rank 12 of 317)" */
      return g_markup_printf_escaped (_("%s: <b>%s</b> (rank %s of %u)"), variable->title, value,
                                      rank_text, lm_variable_count_values (rank));
    }
  return g_markup_printf_escaped (_("%s: <b>%s</b>"), variable->title, value);
}

/**
 * lm_scatter_plot_describe_area:
 * @self: a plot
 * @area: an area of the plot's level
 *
 * Returns: (transfer full): Pango markup naming the area with both values
 *   and their ranks where there are ranks
 */
char *
lm_scatter_plot_describe_area (LmScatterPlot *self,
                               guint          area)
{
  LmLevel *level;
  LmVariable *x, *y;
  GString *text;
  int parent;

  g_return_val_if_fail (LM_IS_SCATTER_PLOT (self), NULL);

  level = lm_scatter_renderer_get_level (self->renderer);
  x = lm_scatter_renderer_get_x (self->renderer);
  y = lm_scatter_renderer_get_y (self->renderer);
  g_return_val_if_fail (level != NULL && area < level->n_areas, NULL);

  text = g_string_new (NULL);
  {
    g_autofree char *name = g_markup_printf_escaped ("<b>%s</b> <small>%s</small>",
                                                     level->names[area], level->codes[area]);
    g_string_append (text, name);
  }
  parent = level->parent != NULL ? level->parent[area] : -1;
  if (level->parent_level != NULL && parent >= 0)
    {
      /* Translators: the area containing the hovered one, "in Hartlepool" */
      g_autofree char *within = g_markup_printf_escaped (_("in %s"),
                                                         level->parent_level->names[parent]);
      g_string_append_printf (text, "\n<small>%s</small>", within);
    }
  {
    g_autofree char *xs = describe_value (x, area);
    g_autofree char *ys = describe_value (y, area);

    g_string_append_printf (text, "\n%s\n%s", ys, xs);
  }
  return g_string_free (text, FALSE);
}

static gboolean
lm_scatter_plot_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard_mode,
                               GtkTooltip *tooltip)
{
  LmScatterPlot *self = LM_SCATTER_PLOT (widget);
  g_autofree char *markup = NULL;
  LmVariable *xv, *yv;
  double px, py, r;
  int area;

  area = keyboard_mode ? self->hover
                       : lm_scatter_renderer_find_nearest (self->renderer, x, y,
                                                           HIT_RADIUS * self->text_scale);
  if (area < 0 || self->dragging || lm_tooltips_are_suppressed (widget))
    return FALSE;

  markup = lm_scatter_plot_describe_area (self, (guint) area);
  gtk_tooltip_set_markup (tooltip, markup);

  /* Moving to another point must bring a new tooltip. */
  xv = lm_scatter_renderer_get_x (self->renderer);
  yv = lm_scatter_renderer_get_y (self->renderer);
  lm_scatter_renderer_data_to_pixel (self->renderer, xv->values[area], yv->values[area], &px, &py);
  r = HIT_RADIUS * self->text_scale / 2;
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) (px - r), (int) (py - r),
                                                       (int) (2 * r), (int) (2 * r) });
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Drawing                                                            */
/* ------------------------------------------------------------------ */

static void
ensure_font (LmScatterPlot *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *desc = pango_context_get_font_description (context);
  const char *family = desc != NULL ? pango_font_description_get_family (desc) : NULL;

  if (family == NULL)
    family = "Sans";
  if (g_strcmp0 (family, self->font_family) == 0)
    return;
  g_free (self->font_family);
  self->font_family = g_strdup (family);
  lm_scatter_renderer_set_font (self->renderer, family, self->text_scale);
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
}

static void
lm_scatter_plot_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  LmScatterPlot *self = LM_SCATTER_PLOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  const guint8 *selected = NULL;
  LmLevel *level;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  ensure_font (self);
  lm_scatter_renderer_set_size (self->renderer, width, height);
  if (self->base_node == NULL)
    {
      GtkSnapshot *child = gtk_snapshot_new ();

      cr = gtk_snapshot_append_cairo (child, &bounds);
      lm_scatter_renderer_draw (self->renderer, cr, width, height);
      cairo_destroy (cr);
      self->base_node = gtk_snapshot_free_to_node (child);
    }
  if (self->base_node != NULL)
    gtk_snapshot_append_node (snapshot, self->base_node);

  level = lm_scatter_renderer_get_level (self->renderer);
  if (self->selection != NULL && !lm_selection_is_empty (self->selection) && level != NULL)
    selected = lm_selection_get_mask (self->selection, level);
  if (selected != NULL || self->hover >= 0)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      lm_scatter_renderer_draw_overlay (self->renderer, cr, selected, self->hover);
      cairo_destroy (cr);
    }

  if (self->dragging)
    {
      graphene_rect_t band = GRAPHENE_RECT_INIT (MIN (self->drag_x0, self->drag_x1),
                                                 MIN (self->drag_y0, self->drag_y1),
                                                 fabs (self->drag_x1 - self->drag_x0),
                                                 fabs (self->drag_y1 - self->drag_y0));
      GskRoundedRect outline;
      /* GNOME's accent blue, as the rubber bands of Files. */
      GdkRGBA fill = { 0.208, 0.518, 0.894, 0.18 };
      GdkRGBA edge = { 0.208, 0.518, 0.894, 0.9 };
      float widths[4] = { 1, 1, 1, 1 };
      GdkRGBA edges[4] = { edge, edge, edge, edge };

      gtk_snapshot_append_color (snapshot, &fill, &band);
      gsk_rounded_rect_init_from_rect (&outline, &band, 0);
      gtk_snapshot_append_border (snapshot, &outline, widths, edges);
    }
}

static void
lm_scatter_plot_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  LmScatterPlot *self = LM_SCATTER_PLOT (widget);

  /* The layout follows the size; the normalised data stay. */
  lm_scatter_renderer_set_size (self->renderer, width, height);
  g_clear_pointer (&self->base_node, gsk_render_node_unref);
}

static void
lm_scatter_plot_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
    }
  else
    {
      *minimum = 180;
      *natural = 440;
    }
}

/* ------------------------------------------------------------------ */
/* GObject                                                            */
/* ------------------------------------------------------------------ */

static void
lm_scatter_plot_dispose (GObject *object)
{
  LmScatterPlot *self = LM_SCATTER_PLOT (object);

  /* Not set_model (NULL): nothing is redrawn or announced any more. */
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      if (self->selection != NULL)
        g_signal_handlers_disconnect_by_data (self->selection, self);
      self->selection = NULL;
      lm_scatter_renderer_set_variables (self->renderer, NULL, NULL, NULL);
      lm_scatter_renderer_set_left_behind (self->renderer, NULL);
      g_clear_object (&self->model);
    }
  g_clear_pointer (&self->base_node, gsk_render_node_unref);

  G_OBJECT_CLASS (lm_scatter_plot_parent_class)->dispose (object);
}

static void
lm_scatter_plot_finalize (GObject *object)
{
  LmScatterPlot *self = LM_SCATTER_PLOT (object);

  g_clear_pointer (&self->renderer, lm_scatter_renderer_free);
  g_clear_pointer (&self->drawn_from, g_byte_array_unref);
  g_free (self->level_id);
  g_free (self->x_id);
  g_free (self->y_id);
  g_free (self->font_family);

  G_OBJECT_CLASS (lm_scatter_plot_parent_class)->finalize (object);
}

static void
lm_scatter_plot_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LmScatterPlot *self = LM_SCATTER_PLOT (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_LEVEL_ID:
      g_value_set_string (value, self->level_id);
      break;
    case PROP_X_ID:
      g_value_set_string (value, self->x_id);
      break;
    case PROP_Y_ID:
      g_value_set_string (value, self->y_id);
      break;
    case PROP_WEIGHTED:
      g_value_set_boolean (value, lm_scatter_plot_get_weighted (self));
      break;
    case PROP_COLOUR_BY:
      g_value_set_enum (value, lm_scatter_plot_get_colour_by (self));
      break;
    case PROP_SHOW_CUTOFFS:
      g_value_set_boolean (value, self->show_cutoffs);
      break;
    case PROP_SHOW_INTERVALS:
      g_value_set_boolean (value, self->show_intervals);
      break;
    case PROP_TEXT_SCALE:
      g_value_set_double (value, self->text_scale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Setting one id at a time (from a .ui file or a binding) may pass
 * through combinations the data lack; the plot is then empty until the
 * last one arrives. */
static void
set_id (LmScatterPlot  *self,
        char          **field,
        const char     *id,
        GParamSpec     *pspec)
{
  if (g_strcmp0 (*field, id) == 0)
    return;
  g_free (*field);
  *field = g_strdup (id);
  update_data (self);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
lm_scatter_plot_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LmScatterPlot *self = LM_SCATTER_PLOT (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      lm_scatter_plot_set_model (self, g_value_get_object (value));
      break;
    case PROP_LEVEL_ID:
      set_id (self, &self->level_id, g_value_get_string (value), pspec);
      break;
    case PROP_X_ID:
      set_id (self, &self->x_id, g_value_get_string (value), pspec);
      break;
    case PROP_Y_ID:
      set_id (self, &self->y_id, g_value_get_string (value), pspec);
      break;
    case PROP_WEIGHTED:
      lm_scatter_plot_set_weighted (self, g_value_get_boolean (value));
      break;
    case PROP_COLOUR_BY:
      lm_scatter_plot_set_colour_by (self, g_value_get_enum (value));
      break;
    case PROP_SHOW_CUTOFFS:
      lm_scatter_plot_set_show_cutoffs (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_INTERVALS:
      lm_scatter_plot_set_show_intervals (self, g_value_get_boolean (value));
      break;
    case PROP_TEXT_SCALE:
      lm_scatter_plot_set_text_scale (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lm_scatter_plot_class_init (LmScatterPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lm_scatter_plot_dispose;
  object_class->finalize = lm_scatter_plot_finalize;
  object_class->get_property = lm_scatter_plot_get_property;
  object_class->set_property = lm_scatter_plot_set_property;

  widget_class->snapshot = lm_scatter_plot_snapshot;
  widget_class->size_allocate = lm_scatter_plot_size_allocate;
  widget_class->measure = lm_scatter_plot_measure;
  widget_class->query_tooltip = lm_scatter_plot_query_tooltip;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, LM_TYPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL_ID] =
    g_param_spec_string ("level-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_X_ID] =
    g_param_spec_string ("x-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_Y_ID] =
    g_param_spec_string ("y-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WEIGHTED] =
    g_param_spec_boolean ("weighted", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOUR_BY] =
    g_param_spec_enum ("colour-by", NULL, NULL, LM_TYPE_SCATTER_COLOUR_BY, LM_SCATTER_COLOUR_REGION,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_CUTOFFS] =
    g_param_spec_boolean ("show-cutoffs", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_INTERVALS] =
    g_param_spec_boolean ("show-intervals", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL, 0.5, 4.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LmScatterPlot::area-activated:
   * @self: the plot
   * @level: (type gpointer): the plot's LmLevel
   * @area: the area double-clicked
   */
  signals[AREA_ACTIVATED] =
    g_signal_new ("area-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "scatter.clear-selection", NULL,
                                   clear_selection_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "scatter.clear-selection", NULL);

  _lm_scatter_plot_keys_class_init (widget_class);

  gtk_widget_class_set_css_name (widget_class, "scatterplot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lm_scatter_plot_init (LmScatterPlot *self)
{
  GtkEventController *motion;
  GtkGesture *drag;
  GtkGesture *click;

  self->hover = -1;
  self->show_cutoffs = TRUE;
  self->text_scale = 1;
  self->renderer = lm_scatter_renderer_new ();
  lm_scatter_renderer_set_colour_by (self->renderer, LM_SCATTER_COLOUR_REGION);
  lm_scatter_renderer_set_show_cutoffs (self->renderer, TRUE);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  /* The colours are baked into the base node, so a theme change
   * rebuilds it. Without libadwaita (some tests) the plot stays light. */
  if (adw_is_initialized ())
    {
      AdwStyleManager *manager = adw_style_manager_get_default ();

      g_signal_connect_object (manager, "notify::dark", G_CALLBACK (on_dark_changed), self,
                               G_CONNECT_SWAPPED);
      lm_scatter_renderer_set_dark (self->renderer, adw_style_manager_get_dark (manager));
    }

  update_accessible (self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                         */
/* ------------------------------------------------------------------ */

/**
 * lm_scatter_plot_new:
 * @model: (nullable): the model to follow
 *
 * Creates a plot showing the first report figure the data allow.
 *
 * Returns: (transfer full): a new #LmScatterPlot
 */
GtkWidget *
lm_scatter_plot_new (LmModel *model)
{
  LmScatterPlot *self = g_object_new (LM_TYPE_SCATTER_PLOT, "model", model, NULL);

  for (guint r = 0; model != NULL && self->x_id == NULL &&
                   r < lm_dataset_get_n_reports (lm_model_get_dataset (model)); r++)
    lm_scatter_plot_set_preset (self, r, NULL);
  return GTK_WIDGET (self);
}

void
lm_scatter_plot_set_model (LmScatterPlot *self,
                           LmModel       *model)
{
  g_return_if_fail (LM_IS_SCATTER_PLOT (self));
  g_return_if_fail (model == NULL || LM_IS_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      if (self->selection != NULL)
        g_signal_handlers_disconnect_by_data (self->selection, self);
      self->selection = NULL;
    }
  g_set_object (&self->model, model);
  if (model != NULL)
    {
      self->selection = lm_model_get_selection (model);
      g_signal_connect_object (model, "recomputed", G_CALLBACK (on_recomputed), self,
                               G_CONNECT_SWAPPED);
      /* A Monte Carlo run's rank intervals, drawn as error bars. */
      g_signal_connect_object (model, "variables-changed", G_CALLBACK (on_recomputed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->selection, "changed", G_CALLBACK (on_selection_changed), self,
                               G_CONNECT_SWAPPED);
    }
  update_data (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

LmModel *
lm_scatter_plot_get_model (LmScatterPlot *self)
{
  g_return_val_if_fail (LM_IS_SCATTER_PLOT (self), NULL);
  return self->model;
}

gboolean
lm_scatter_plot_set_variables (LmScatterPlot  *self,
                               const char     *level_id,
                               const char     *x_id,
                               const char     *y_id,
                               GError        **error)
{
  gboolean level_changed, x_changed, y_changed;

  g_return_val_if_fail (LM_IS_SCATTER_PLOT (self), FALSE);
  g_return_val_if_fail (level_id != NULL && x_id != NULL && y_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->model != NULL &&
      (lm_model_find_variable (self->model, level_id, x_id, error) == NULL ||
       lm_model_find_variable (self->model, level_id, y_id, error) == NULL))
    return FALSE;

  level_changed = g_strcmp0 (self->level_id, level_id) != 0;
  x_changed = g_strcmp0 (self->x_id, x_id) != 0;
  y_changed = g_strcmp0 (self->y_id, y_id) != 0;
  if (!level_changed && !x_changed && !y_changed)
    return TRUE;

  g_free (self->level_id);
  g_free (self->x_id);
  g_free (self->y_id);
  self->level_id = g_strdup (level_id);
  self->x_id = g_strdup (x_id);
  self->y_id = g_strdup (y_id);
  update_data (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (level_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL_ID]);
  if (x_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X_ID]);
  if (y_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y_ID]);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

gboolean
lm_scatter_plot_set_preset (LmScatterPlot  *self,
                            guint           report,
                            GError        **error)
{
  const LmReportPreset *preset;

  g_return_val_if_fail (LM_IS_SCATTER_PLOT (self), FALSE);
  g_return_val_if_fail (self->model != NULL, FALSE);
  g_return_val_if_fail (report < lm_dataset_get_n_reports (lm_model_get_dataset (self->model)), FALSE);

  preset = lm_dataset_get_report (lm_model_get_dataset (self->model), report);
  return lm_scatter_plot_set_variables (self, preset->level, preset->x, preset->y, error);
}

const char *
lm_scatter_plot_get_level_id (LmScatterPlot *self)
{
  g_return_val_if_fail (LM_IS_SCATTER_PLOT (self), NULL);
  return self->level_id;
}

const char *
lm_scatter_plot_get_x_id (LmScatterPlot *self)
{
  g_return_val_if_fail (LM_IS_SCATTER_PLOT (self), NULL);
  return self->x_id;
}

const char *
lm_scatter_plot_get_y_id (LmScatterPlot *self)
{
  g_return_val_if_fail (LM_IS_SCATTER_PLOT (self), NULL);
  return self->y_id;
}

void
lm_scatter_plot_set_weighted (LmScatterPlot *self,
                              gboolean       weighted)
{
  g_return_if_fail (LM_IS_SCATTER_PLOT (self));

  if (lm_scatter_renderer_get_weighted (self->renderer) == !!weighted)
    return;
  lm_scatter_renderer_set_weighted (self->renderer, weighted);
  update_accessible (self);
  clear_base (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEIGHTED]);
}

gboolean
lm_scatter_plot_get_weighted (LmScatterPlot *self)
{
  g_return_val_if_fail (LM_IS_SCATTER_PLOT (self), FALSE);
  return lm_scatter_renderer_get_weighted (self->renderer);
}

void
lm_scatter_plot_set_colour_by (LmScatterPlot     *self,
                               LmScatterColourBy  colour_by)
{
  g_return_if_fail (LM_IS_SCATTER_PLOT (self));

  if (lm_scatter_renderer_get_colour_by (self->renderer) == colour_by)
    return;
  lm_scatter_renderer_set_colour_by (self->renderer, colour_by);
  clear_base (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOUR_BY]);
}

LmScatterColourBy
lm_scatter_plot_get_colour_by (LmScatterPlot *self)
{
  g_return_val_if_fail (LM_IS_SCATTER_PLOT (self), LM_SCATTER_COLOUR_NONE);
  return lm_scatter_renderer_get_colour_by (self->renderer);
}

void
lm_scatter_plot_set_show_cutoffs (LmScatterPlot *self,
                                  gboolean       show)
{
  g_return_if_fail (LM_IS_SCATTER_PLOT (self));

  show = !!show;
  if (self->show_cutoffs == show)
    return;
  self->show_cutoffs = show;
  lm_scatter_renderer_set_show_cutoffs (self->renderer, show);
  clear_base (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_CUTOFFS]);
}

void
lm_scatter_plot_set_show_intervals (LmScatterPlot *self,
                                    gboolean       show)
{
  g_return_if_fail (LM_IS_SCATTER_PLOT (self));

  show = !!show;
  if (self->show_intervals == show)
    return;
  self->show_intervals = show;
  lm_scatter_renderer_set_show_intervals (self->renderer, show);
  clear_base (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_INTERVALS]);
}

gboolean
lm_scatter_plot_get_show_intervals (LmScatterPlot *self)
{
  g_return_val_if_fail (LM_IS_SCATTER_PLOT (self), FALSE);
  return self->show_intervals;
}

gboolean
lm_scatter_plot_get_show_cutoffs (LmScatterPlot *self)
{
  g_return_val_if_fail (LM_IS_SCATTER_PLOT (self), FALSE);
  return self->show_cutoffs;
}

void
lm_scatter_plot_set_text_scale (LmScatterPlot *self,
                                double         scale)
{
  g_return_if_fail (LM_IS_SCATTER_PLOT (self));
  g_return_if_fail (scale >= 0.5 && scale <= 4.0);

  if (self->text_scale == scale)
    return;
  self->text_scale = scale;
  g_clear_pointer (&self->font_family, g_free);
  clear_base (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
}

double
lm_scatter_plot_get_text_scale (LmScatterPlot *self)
{
  g_return_val_if_fail (LM_IS_SCATTER_PLOT (self), 1.0);
  return self->text_scale;
}

const LmStats *
lm_scatter_plot_get_stats (LmScatterPlot *self)
{
  g_return_val_if_fail (LM_IS_SCATTER_PLOT (self), NULL);
  return lm_scatter_renderer_get_stats (self->renderer);
}

LmScatterRenderer *
lm_scatter_plot_get_renderer (LmScatterPlot *self)
{
  int width, height;

  g_return_val_if_fail (LM_IS_SCATTER_PLOT (self), NULL);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width > 0 && height > 0)
    lm_scatter_renderer_set_size (self->renderer, width, height);
  return self->renderer;
}

int
lm_scatter_plot_get_hover (LmScatterPlot *self)
{
  g_return_val_if_fail (LM_IS_SCATTER_PLOT (self), -1);
  return self->hover;
}
