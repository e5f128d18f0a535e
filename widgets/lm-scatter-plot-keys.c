/* lm-scatter-plot-keys.c — the scatter plot from the keyboard
 *
 * Copyright 2026 The Levelmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With the plot focused, the arrows walk its points: Right and Left in
 * the order of the horizontal axis, Up and Down in that of the vertical
 * one, Home and End to the ends; the point reached is marked as the
 * hovered one, and its description becomes the plot's accessible
 * description for screen readers. Enter or Space selects it, Shift adds
 * it to the selection, Ctrl toggles it, as clicks do.
 */
#include "config.h"

#include <math.h>

#include "lm-scatter-plot-private.h"

/* Whether area @a comes before area @b along axis @values, areas
 * breaking ties so that every point is reached once. */
static gboolean
comes_before (const double *values,
              guint         a,
              guint         b)
{
  return values[a] < values[b] || (values[a] == values[b] && a < b);
}

static gboolean
has_point (LmVariable *x,
           LmVariable *y,
           guint       area)
{
  return isfinite (x->values[area]) && isfinite (y->values[area]);
}

/* The point after (@step > 0) or before @from along @axis (0: x, 1: y);
 * @from < 0 starts from the end opposite the step. -1 if none. */
static int
next_point (LmScatterPlot *self,
            int            from,
            int            axis,
            int            step)
{
  LmLevel *level = lm_scatter_renderer_get_level (self->renderer);
  LmVariable *x = lm_scatter_renderer_get_x (self->renderer);
  LmVariable *y = lm_scatter_renderer_get_y (self->renderer);
  const double *values;
  int best = -1;

  if (level == NULL || x == NULL || y == NULL)
    return -1;
  values = axis == 0 ? x->values : y->values;
  for (guint a = 0; a < level->n_areas; a++)
    {
      if (!has_point (x, y, a) || (int) a == from)
        continue;
      if (from >= 0 && (step > 0 ? !comes_before (values, (guint) from, a)
                                 : !comes_before (values, a, (guint) from)))
        continue;
      if (best < 0 || (step > 0 ? comes_before (values, a, (guint) best)
                                : comes_before (values, (guint) best, a)))
        best = (int) a;
    }
  return best;
}

/* The first selected point, if any, else the one nearest the middle of
 * the horizontal axis: where the keyboard starts. */
static int
start_point (LmScatterPlot *self)
{
  LmLevel *level = lm_scatter_renderer_get_level (self->renderer);
  LmVariable *x = lm_scatter_renderer_get_x (self->renderer);
  LmVariable *y = lm_scatter_renderer_get_y (self->renderer);
  int first = next_point (self, -1, 0, 1);
  int last = next_point (self, -1, 0, -1);
  double middle;
  int best = -1;

  if (first < 0)
    return -1;
  for (guint a = 0; self->selection != NULL && a < level->n_areas; a++)
    if (has_point (x, y, a) && lm_selection_contains (self->selection, level, a))
      return (int) a;
  middle = (x->values[first] + x->values[last]) / 2;
  for (guint a = 0; a < level->n_areas; a++)
    if (has_point (x, y, a) &&
        (best < 0 || fabs (x->values[a] - middle) < fabs (x->values[best] - middle)))
      best = (int) a;
  return best;
}

/* The point the keyboard is on, said to screen readers. */
static void
announce (LmScatterPlot *self)
{
  g_autofree char *markup = NULL;
  g_autofree char *text = NULL;

  if (self->hover < 0)
    return;
  markup = lm_scatter_plot_describe_area (self, (guint) self->hover);
  if (!pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL))
    return;
  g_strdelimit (text, "\n", ';');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LmScatterPlot *self = LM_SCATTER_PLOT (widget);
  int axis, step, to;

  g_variant_get (parameter, "(ii)", &axis, &step);
  if (step == 0)
    to = next_point (self, -1, 0, axis > 0 ? -1 : 1);
  else if (self->hover < 0)
    to = start_point (self);
  else
    to = next_point (self, self->hover, axis, step);
  if (to < 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  _lm_scatter_plot_set_hover (self, to);
  announce (self);
}

static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LmScatterPlot *self = LM_SCATTER_PLOT (widget);
  LmLevel *level = lm_scatter_renderer_get_level (self->renderer);
  guint area;

  if (self->selection == NULL || level == NULL)
    return;
  if (self->hover < 0)
    {
      move_action (widget, NULL, g_variant_new ("(ii)", 0, 1));
      return;
    }
  area = (guint) self->hover;
  lm_selection_select (self->selection, level, &area, 1, g_variant_get_int32 (parameter));
}

void
_lm_scatter_plot_keys_class_init (GtkWidgetClass *widget_class)
{
  static const struct
  {
    guint keyval;
    int   axis;
    int   step;
  } moves[] = {
    { GDK_KEY_Right, 0, 1 }, { GDK_KEY_Left, 0, -1 }, { GDK_KEY_Up, 1, 1 },
    { GDK_KEY_Down, 1, -1 }, { GDK_KEY_KP_Right, 0, 1 }, { GDK_KEY_KP_Left, 0, -1 },
    { GDK_KEY_KP_Up, 1, 1 }, { GDK_KEY_KP_Down, 1, -1 },
    /* Step 0: to the leftmost point (Home) or the rightmost (End). */
    { GDK_KEY_Home, 0, 0 }, { GDK_KEY_End, 1, 0 },
  };
  static const struct
  {
    guint           keyval;
    GdkModifierType modifiers;
    LmSelectionMode mode;
  } selects[] = {
    { GDK_KEY_Return, 0, LM_SELECTION_REPLACE }, { GDK_KEY_KP_Enter, 0, LM_SELECTION_REPLACE },
    { GDK_KEY_space, 0, LM_SELECTION_REPLACE }, { GDK_KEY_Return, GDK_SHIFT_MASK, LM_SELECTION_ADD },
    { GDK_KEY_space, GDK_SHIFT_MASK, LM_SELECTION_ADD },
    { GDK_KEY_space, GDK_CONTROL_MASK, LM_SELECTION_TOGGLE },
  };

  gtk_widget_class_install_action (widget_class, "scatter.move", "(ii)", move_action);
  gtk_widget_class_install_action (widget_class, "scatter.select", "i", select_action);
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    gtk_widget_class_add_binding_action (widget_class, moves[i].keyval, 0, "scatter.move",
                                         "(ii)", moves[i].axis, moves[i].step);
  for (guint i = 0; i < G_N_ELEMENTS (selects); i++)
    gtk_widget_class_add_binding_action (widget_class, selects[i].keyval, selects[i].modifiers,
                                         "scatter.select", "i", (int) selects[i].mode);
}
